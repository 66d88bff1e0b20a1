package main

import "fmt"

func main() {
	var m map[string]int
	fmt.Println("read from nil map:", m["a"])
	m["a"] = 1
	fmt.Println("unreachable")
}
