// == and != need only one operand assignable to the other's type: a pointer
// or struct value against its named type, a bidirectional channel against a
// directional or named one.
package main

import "fmt"

type P *int
type S struct{ a int }
type MyChan chan int

func main() {
	x := 1
	var p P = &x
	q := &x
	fmt.Println(p == q, q == p, p != nil)
	var s S = S{1}
	t := struct{ a int }{1}
	fmt.Println(s == t, t != s)
	m := make(MyChan)
	var c chan int = m
	var r <-chan int = c
	var w chan<- int = m
	fmt.Println(m == c, c == r, r == c, w == c, m == r)
	other := make(chan int)
	fmt.Println(r == other, other != w)
}
