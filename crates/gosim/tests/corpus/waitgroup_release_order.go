package main

// Three goroutines wait on a WaitGroup; the last Done releases them all,
// and they run in the order the semaphore readies them.

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	done := make(chan int, 10)
	waiter := func(name string) {
		fmt.Println(name, "wait")
		wg.Wait()
		fmt.Println(name, "woke")
		done <- 1
	}
	go waiter("a")
	go waiter("b")
	go waiter("c")
	time.Sleep(10 * time.Millisecond)
	fmt.Println("done")
	wg.Done()
	fmt.Println("after done")
	<-done
	<-done
	<-done
}
