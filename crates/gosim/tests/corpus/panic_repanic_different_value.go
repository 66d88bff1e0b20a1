// lang: 1.21
package main

// Repanicking with a new value made from the recovered one (wrapped, or
// converted back from a string) is a new panic: both lines print, in every
// Go version. A runtime error repanicked as is folds under Go 1.25+.

import (
	"fmt"
	"os"
)

func wrapAndRepanic() {
	defer func() {
		if r := recover(); r != nil {
			panic(fmt.Errorf("wrapped: %v", r))
		}
	}()
	panic("original")
}

func main() {
	if len(os.Args) > 5 {
		wrapAndRepanic()
	}
	defer func() {
		r := recover()
		if e, ok := r.(error); ok {
			fmt.Println("got runtime error:", e)
			panic(e)
		}
	}()
	func() {
		defer func() {
			r := recover()
			fmt.Println("first:", r)
			panic(r)
		}()
		var m map[int]int
		m[1]++
	}()
}
