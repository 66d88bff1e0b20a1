// Package variables whose initializers need each other, directly or
// through a function literal.
package main

import "fmt"

var a = b + 1
var b = a * 2

var x = func() int { return x + 1 }()

func main() {
	fmt.Println(a, b, x)
}
