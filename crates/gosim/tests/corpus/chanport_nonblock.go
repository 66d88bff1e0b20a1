// Modelled on golang/go test/chan/nonblock.go (BSD-style licence); written independently for gosim's corpus.
//
// Non-blocking sends and receives (select with default) on unbuffered and
// one-slot channels of several element types: they fail when nobody is on
// the other side, and succeed once a partner is parked or a slot is ready.
package main

import (
	"fmt"
	"runtime"
)

type pair struct {
	a int16
	b string
}

// trySend and tryRecv are generic over the element type so that each type
// goes through the same non-blocking paths.
func trySend[T any](c chan T, v T) bool {
	select {
	case c <- v:
		return true
	default:
		return false
	}
}

func tryRecv[T any](c chan T) (T, bool) {
	select {
	case v := <-c:
		return v, true
	default:
		var zero T
		return zero, false
	}
}

func exercise[T any](name string, buffer int, v, w T) {
	c := make(chan T, buffer)
	done := make(chan T)

	_, got := tryRecv(c)
	fmt.Printf("%s/%d: receive on empty: %v\n", name, buffer, got)

	// A parked receiver makes a non-blocking send succeed at once.
	go func() { done <- <-c }()
	runtime.Gosched()
	sent := trySend(c, v)
	fmt.Printf("%s/%d: send to parked receiver: %v, it got %v\n", name, buffer, sent, <-done)

	// A parked sender (or a filled slot) makes a non-blocking receive succeed.
	go func() { c <- w }()
	runtime.Gosched()
	x, got := tryRecv(c)
	fmt.Printf("%s/%d: receive from sender: %v %v\n", name, buffer, x, got)

	filled := 0
	for trySend(c, v) {
		filled++
	}
	fmt.Printf("%s/%d: sends before blocking: %d, len %d\n", name, buffer, filled, len(c))
}

func main() {
	for buffer := 0; buffer < 2; buffer++ {
		exercise("int32", buffer, int32(123), int32(-234))
		exercise("int64", buffer, int64(1)<<40, int64(-7))
		exercise("bool", buffer, true, false)
		exercise("string", buffer, "hello", "hello again")
		exercise("pair", buffer, pair{1, "x"}, pair{-2, "y"})
		exercise("struct{}", buffer, struct{}{}, struct{}{})
	}
}
