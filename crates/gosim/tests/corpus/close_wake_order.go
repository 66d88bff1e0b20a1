package main

// Three receivers block on an unbuffered channel (started a, b, c: c runs
// first from runnext); close wakes every one of them with ok == false, and
// the woken goroutines run in the order closechan readies them.

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int)
	done := make(chan int, 10)
	recv := func(name string) {
		fmt.Println(name, "recv")
		_, ok := <-ch
		fmt.Println(name, "woke", ok)
		done <- 1
	}
	go recv("a")
	go recv("b")
	go recv("c")
	time.Sleep(10 * time.Millisecond)
	fmt.Println("close")
	close(ch)
	fmt.Println("after close")
	<-done
	<-done
	<-done
}
