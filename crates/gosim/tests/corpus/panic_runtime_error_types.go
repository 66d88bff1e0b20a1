package main

import (
	"errors"
	"fmt"
	"runtime"
)

func try(f func()) {
	defer func() {
		r := recover()
		_, isRuntime := r.(runtime.Error)
		err, isErr := r.(error)
		var re runtime.Error
		fmt.Printf("%T | %v | runtime.Error=%v error=%v as=%v\n", r, r, isRuntime, isErr, isErr && errors.As(err, &re))
	}()
	f()
}

type myErr struct{}

func (myErr) Error() string { return "mine" }

func main() {
	s := []int{1, 2, 3}
	i := -1
	var m map[string]int
	var p *struct{ x int }
	var e any = "str"
	var ch chan int
	zero := 0
	try(func() { _ = s[i] })
	try(func() { _ = s[i+5] })
	try(func() { _ = s[1:i+5] })
	try(func() { _ = [2]int(s) })
	try(func() { m["a"] = 1 })
	try(func() { _ = p.x })
	try(func() { _ = 1 / zero })
	try(func() { _ = e.(int) })
	try(func() { _ = e.(fmt.Stringer) })
	try(func() { close(ch) })
	try(func() { c := make(chan int); close(c); close(c) })
	try(func() { c := make(chan int); close(c); c <- 1 })
	try(func() { panic(nil) })
	try(func() { panic("plain string") })
	try(func() { panic(myErr{}) })
	try(func() { panic(fmt.Errorf("wrapped: %w", errors.New("inner"))) })
	try(func() { var a []int; _ = a[:zero-1] })
	fmt.Printf("%v %s %q\n", []any{recoverOf(func() { _ = s[5] })}, recoverOf(func() { m["x"]++ }), recoverOf(func() { _ = s[i] }))
}

func recoverOf(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}
