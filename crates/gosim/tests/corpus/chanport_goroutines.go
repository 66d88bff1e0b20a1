// Modelled on golang/go test/chan/goroutines.go (BSD-style licence); written independently for gosim's corpus.
//
// Ten thousand goroutines threaded into a chain, each receiving from its
// right neighbour and passing the value, plus one, to its left. One value
// sent in at the right end comes out at the left having visited them all,
// and every goroutine has then exited.
package main

import (
	"fmt"
	"runtime"
)

func link(left chan<- int, right <-chan int) {
	left <- 1 + <-right
}

func main() {
	const n = 10000
	leftmost := make(chan int)
	left := leftmost
	for i := 0; i < n; i++ {
		right := make(chan int)
		go link(left, right)
		left = right
	}
	fmt.Println("goroutines before:", runtime.NumGoroutine())
	go func(c chan<- int) { c <- 0 }(left)
	fmt.Println("value at the left end:", <-leftmost)
	runtime.Gosched()
	fmt.Println("goroutines after:", runtime.NumGoroutine())
}
