package main

// A program that imports runtime and lets a failed type assertion escape:
// the recovered value is a *runtime.TypeAssertionError, a type switch on
// it picks the runtime.Error case, and the uncaught one prints Go's text.

import (
	"fmt"
	"runtime"
)

type Animal interface{ Sound() string }
type Dog struct{}

func (Dog) Sound() string { return "woof" }

func classify(r any) string {
	switch e := r.(type) {
	case *runtime.TypeAssertionError:
		return "assertion: " + e.Error()
	case runtime.Error:
		return "runtime: " + e.Error()
	case error:
		return "error: " + e.Error()
	}
	return fmt.Sprint("other: ", r)
}

func main() {
	func() {
		defer func() { fmt.Println(classify(recover())) }()
		var a any = Dog{}
		_ = a.(fmt.Stringer)
	}()
	func() {
		defer func() { fmt.Println(classify(recover())) }()
		var m map[string]int
		m["x"] = 1
	}()
	func() {
		defer func() {
			r := recover()
			_, isErr := r.(error)
			fmt.Printf("%v | %T | error? %v\n", r, r, isErr)
		}()
		var a Animal = Dog{}
		_ = a.(interface{ Fly() })
	}()
	var n any = 42
	fmt.Println(n.(string))
}
