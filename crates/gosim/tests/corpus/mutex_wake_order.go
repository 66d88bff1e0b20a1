package main

// Three goroutines queue on a held Mutex; each Unlock wakes one waiter, in
// FIFO order.

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	mu.Lock()
	done := make(chan int, 10)
	locker := func(name string) {
		fmt.Println(name, "lock")
		mu.Lock()
		fmt.Println(name, "locked")
		mu.Unlock()
		done <- 1
	}
	go locker("a")
	go locker("b")
	go locker("c")
	time.Sleep(10 * time.Millisecond)
	fmt.Println("unlock")
	mu.Unlock()
	fmt.Println("after unlock")
	<-done
	<-done
	<-done
}
