// A deadlock with goroutines parked in every kind of wait: nil-channel send
// and receive, full buffer, select with and without cases, Mutex, RWMutex
// (a second writer waits on the inner Mutex), WaitGroup and Cond; the
// goroutine headers name each wait reason.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var nilch chan int
	a := make(chan int)
	b := make(chan int, 1)
	b <- 1
	mu.Lock()
	wg.Add(1)
	go func() { mu.Lock() }()
	go func() { <-nilch }()
	go func() { nilch <- 1 }()
	go func() { b <- 2 }()
	go func() {
		select {
		case <-a:
		case a <- 1:
		}
	}()
	go func() { select {} }()
	go func() { wg.Wait() }()
	c := sync.NewCond(&sync.Mutex{})
	go func() { c.L.Lock(); c.Wait() }()
	var rw sync.RWMutex
	rw.Lock()
	go func() { rw.RLock() }()
	go func() { rw.Lock() }()
	fmt.Println("all parked")
	<-make(chan bool)
}
