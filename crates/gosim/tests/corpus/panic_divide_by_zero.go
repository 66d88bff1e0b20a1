package main

import "fmt"

func div(a, b int) int {
	return a / b
}

func main() {
	fmt.Println(div(10, 3))
	defer fmt.Println("deferred calls run before the crash")
	fmt.Println(div(1, 0))
	fmt.Println("unreachable")
}
