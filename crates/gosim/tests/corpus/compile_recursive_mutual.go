// Two struct types that contain each other, through an array.
package main

import "fmt"

type A struct {
	n int
	b B
}

type B struct {
	as [2]A
}

func main() {
	var a A
	fmt.Println(a.n)
}
