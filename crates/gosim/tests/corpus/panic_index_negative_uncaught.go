package main

import "fmt"

func at(s []string, i int) string {
	return s[i]
}

func main() {
	names := []string{"a", "b"}
	fmt.Println(at(names, 1))
	fmt.Println(at(names, len(names)-3))
}
