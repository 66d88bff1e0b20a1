package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(time.Hour)
	fmt.Println("stop before firing:", t.Stop())
	fmt.Println("stop again:", t.Stop())

	t.Reset(50 * time.Millisecond)
	<-t.C
	fmt.Println("fired after reset")
	fmt.Println("stop after firing:", t.Stop())

	t2 := time.NewTimer(100 * time.Millisecond)
	t2.Reset(20 * time.Millisecond)
	start := make(chan bool)
	go func() {
		<-t2.C
		start <- true
	}()
	fmt.Println("reset timer fired:", <-start)

	t3 := time.NewTimer(10 * time.Millisecond)
	select {
	case <-t3.C:
		fmt.Println("t3 fired")
	case <-time.After(time.Second):
		fmt.Println("after won")
	}
}
