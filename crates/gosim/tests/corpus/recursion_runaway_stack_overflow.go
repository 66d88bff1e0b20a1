package main

// A recursion with no base case runs until the goroutine's stack passes
// Go's limit: a fatal error, not a panic, so the deferred call never runs
// and recover cannot stop it.

import "fmt"

type node struct{ next *node }

func (n *node) length() int {
	return 1 + n.next.length()
}

func main() {
	defer func() {
		fmt.Println("recovered?", recover())
	}()
	n := &node{}
	n.next = n
	fmt.Println("counting a cycle")
	fmt.Println(n.length())
}
