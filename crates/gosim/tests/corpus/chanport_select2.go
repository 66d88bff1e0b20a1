// Modelled on golang/go test/chan/select2.go (BSD-style licence); written independently for gosim's corpus.
//
// Many selects in a row against a sender, each with an extra case that never
// becomes ready: the select's waiting state must be torn down every time (the
// original measures that no memory accumulates; here the count of values and
// the number of goroutines left are what is checked).
package main

import (
	"fmt"
	"runtime"
)

func produce(c chan<- int, n int) {
	for i := 0; i < n; i++ {
		c <- i
	}
}

func consume(c, dummy <-chan int, n int) int {
	sum := 0
	for i := 0; i < n; i++ {
		select {
		case v := <-c:
			sum += v
		case <-dummy:
			panic("dummy ready")
		}
	}
	return sum
}

func main() {
	c := make(chan int)
	dummy := make(chan int)
	for round := 1; round <= 3; round++ {
		n := 5000 * round
		go produce(c, n)
		sum := consume(c, dummy, n)
		runtime.Gosched()
		fmt.Println("round", round, "selects", n, "sum", sum, "goroutines", runtime.NumGoroutine())
	}
}
