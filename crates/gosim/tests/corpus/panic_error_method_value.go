// A panic whose value is an error or a Stringer of the program's own type
// prints the text of its Error or String method after "panic: ", also when
// the panic happens in another goroutine.
package main

import (
	"fmt"
	"time"
)

type OpError struct{ Op string }

func (e *OpError) Error() string { return "op " + e.Op + " failed" }

type Level int

func (l Level) String() string { return fmt.Sprintf("level-%d", int(l)) }

func main() {
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		panic(Level(3))
	}()
	go func() {
		defer fmt.Println("deferred in goroutine")
		panic(&OpError{"read"})
	}()
	time.Sleep(time.Second)
	fmt.Println("unreachable")
}
