package main

import "fmt"

func main() {
	s := []int{1, 2, 3}
	i := 5
	fmt.Println(s[len(s)-1])
	fmt.Println(s[i])
}
