package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	a := make(chan int)
	b := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		a <- 1
		fmt.Println("sent")
	}()
	go func() {
		select {
		case <-b:
		case b <- 2:
		}
	}()
	fmt.Println("main waits")
	wg.Wait()
}
