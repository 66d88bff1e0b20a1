package main

// Three goroutines wait on a Cond: Signal wakes the oldest waiter,
// Broadcast the rest, in the order they started waiting.

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	done := make(chan int, 10)
	waiter := func(name string) {
		mu.Lock()
		fmt.Println(name, "wait")
		cond.Wait()
		fmt.Println(name, "woke")
		mu.Unlock()
		done <- 1
	}
	go waiter("a")
	go waiter("b")
	go waiter("c")
	time.Sleep(10 * time.Millisecond)
	fmt.Println("signal")
	cond.Signal()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("broadcast")
	cond.Broadcast()
	fmt.Println("after broadcast")
	<-done
	<-done
	<-done
}
