// An alias may not mention itself, even through a pointer.
package main

import "fmt"

type List = *struct {
	next List
}

func main() {
	var l List
	fmt.Println(l == nil)
}
