// make(chan T, n) with a negative or too large n panics with a plain runtime
// error; a zero capacity is unbuffered; cap reads through a directional view.
package main

import "fmt"

func try(name string, f func()) {
	defer func() {
		r := recover()
		fmt.Printf("%s: %v (%T)\n", name, r, r)
	}()
	f()
}

func main() {
	n := -1
	try("negative", func() { _ = make(chan int, n) })
	big := 1 << 62
	try("huge", func() { _ = make(chan int, big) })
	try("zero", func() { c := make(chan int, 0); fmt.Println(len(c), cap(c)) })
	var r <-chan int = make(chan int, 3)
	fmt.Println(cap(r))
}
