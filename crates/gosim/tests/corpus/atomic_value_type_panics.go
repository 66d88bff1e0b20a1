package main

// atomic.Value fixes its concrete type at the first Store: a later Store,
// Swap or CompareAndSwap of another type panics, and so does storing nil.
// Each panic is recovered and printed with its type.

import (
	"errors"
	"fmt"
	"sync/atomic"
)

type celsius float64
type config struct{ name string }

func try(name string, f func()) {
	defer func() {
		r := recover()
		fmt.Printf("%s: %T %v\n", name, r, r)
	}()
	f()
}

func main() {
	var v atomic.Value
	fmt.Println("empty load:", v.Load())
	try("store nil", func() { v.Store(nil) })
	v.Store(1)
	try("store string", func() { v.Store("one") })
	try("store int64", func() { v.Store(int64(1)) })
	try("store same type", func() { v.Store(2) })
	fmt.Println("load:", v.Load())

	var t atomic.Value
	t.Store(celsius(21.5))
	try("store float64", func() { t.Store(21.5) })
	try("swap nil", func() { t.Swap(nil) })
	try("swap float64", func() { t.Swap(3.0) })
	try("swap same", func() { fmt.Println(" old", t.Swap(celsius(30))) })

	var c atomic.Value
	try("cas nil new", func() { c.CompareAndSwap(nil, nil) })
	try("cas mixed old/new", func() { c.CompareAndSwap(1, "x") })
	try("cas into empty with non-nil old", func() { fmt.Println(" swapped", c.CompareAndSwap(1, 2)) })
	try("cas into empty with nil old", func() { fmt.Println(" swapped", c.CompareAndSwap(nil, &config{"a"})) })
	try("cas other type", func() { c.CompareAndSwap(nil, config{"b"}) })
	try("cas wrong old", func() { fmt.Println(" swapped", c.CompareAndSwap(&config{"a"}, &config{"c"})) })

	var e atomic.Value
	e.Store(errors.New("first"))
	try("store other error type", func() { e.Store(fmt.Errorf("wrapped: %w", errors.New("x"))) })
	try("store same error type", func() { e.Store(errors.New("second")) })
	fmt.Println("error:", e.Load())

	var last atomic.Value
	last.Store([]int{1})
	last.Store(map[string]int{"a": 1})
}
