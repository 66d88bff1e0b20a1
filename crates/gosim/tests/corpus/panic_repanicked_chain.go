// lang: 1.21
package main

// A panic recovered and repanicked by two layers of defers, then a new
// panic with a different value: Go 1.25+ folds the repanics into one
// "[recovered, repanicked]" line and still prints the new panic after it.

import "fmt"

type state struct{ step int }

func (s *state) String() string { return fmt.Sprintf("state at step %d", s.step) }

func inner(s *state) {
	defer func() {
		r := recover()
		fmt.Println("inner recovered:", r)
		panic(r)
	}()
	panic(s)
}

func middle(s *state) {
	defer func() {
		r := recover()
		fmt.Println("middle recovered:", r)
		panic(r)
	}()
	inner(s)
}

func main() {
	defer func() {
		r := recover()
		fmt.Println("main recovered:", r)
		panic(fmt.Sprint("giving up: ", r))
	}()
	middle(&state{3})
}
