// First response wins: with an unbuffered result channel the two slower
// replicas stay blocked on their sends for ever (a goroutine leak); a
// buffer with room for every replica lets them all finish.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func query(replica int, d time.Duration, out chan<- string) {
	time.Sleep(d)
	out <- fmt.Sprintf("replica %d after %v", replica, d)
}

func first(buffered bool) string {
	var out chan string
	if buffered {
		out = make(chan string, 3)
	} else {
		out = make(chan string)
	}
	go query(1, 30*time.Millisecond, out)
	go query(2, 10*time.Millisecond, out)
	go query(3, 50*time.Millisecond, out)
	return <-out
}

func main() {
	fmt.Println(first(false))
	time.Sleep(100 * time.Millisecond)
	fmt.Println("leaked with unbuffered:", runtime.NumGoroutine()-1)
	fmt.Println(first(true))
	time.Sleep(100 * time.Millisecond)
	fmt.Println("leaked with buffered:", runtime.NumGoroutine()-1-2)
}
