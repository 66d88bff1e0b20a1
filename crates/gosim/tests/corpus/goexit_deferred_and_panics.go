// Goexit from a deferred call and from a loop; a panic during Goexit that
// nothing recovers crashes the program.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func deferredExit(done chan<- string) {
	defer func() { done <- "deferredExit done" }()
	defer func() {
		fmt.Println("second defer runs")
	}()
	defer runtime.Goexit()
	fmt.Println("deferredExit returns normally")
}

func loopExit(done chan<- string) {
	defer func() { done <- "loopExit done" }()
	for i := 0; ; i++ {
		if i == 3 {
			runtime.Goexit()
		}
		fmt.Println("loop", i)
	}
}

func main() {
	done := make(chan string)
	go deferredExit(done)
	fmt.Println(<-done)
	go loopExit(done)
	fmt.Println(<-done)
	go func() {
		defer fmt.Println("will not run: panic below is not recovered")
		defer func() {
			panic("panic during Goexit")
		}()
		runtime.Goexit()
	}()
	time.Sleep(time.Second)
	fmt.Println("not reached")
}
