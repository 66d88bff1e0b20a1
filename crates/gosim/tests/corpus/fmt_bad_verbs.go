package main

import "fmt"

func main() {
	fmt.Printf("%d %s\n", "str", 5)
	fmt.Printf("%d|%s\n")
	fmt.Printf("%d\n", 1, 2)
	fmt.Println()
	fmt.Printf("%z\n", 3)
	fmt.Println(fmt.Sprintf("%!"), fmt.Sprintf("%t", 1))
}
