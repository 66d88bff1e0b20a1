// A sync.Cond copied after its first use panics with "sync.Cond is copied"
// on its next use (Go's copyChecker); one copied before is a Cond of its own.
package main

import (
	"fmt"
	"sync"
)

type queue struct {
	mu    sync.Mutex
	cond  sync.Cond
	items []int
}

func main() {
	// Copied before first use: each copy is a Cond of its own.
	var a sync.Cond
	a.L = &sync.Mutex{}
	b := a
	b.Signal()
	a.Broadcast()
	fmt.Println("copies made before use are fine")

	q := &queue{}
	q.cond.L = &q.mu
	q.cond.Signal()
	defer func() {
		r := recover()
		fmt.Printf("recovered: %v (%T)\n", r, r)
		c := *q
		c.cond.L = &c.mu
		func() {
			defer func() { fmt.Println("again:", recover()) }()
			c.cond.Broadcast()
		}()
		q.cond.Broadcast()
		fmt.Println("the original still works")
	}()
	copyQ := *q
	copyQ.cond.Signal()
}
