package main

import (
	"fmt"
	"time"
)

func main() {
	result := make(chan string)
	go func() {
		time.Sleep(50 * time.Millisecond)
		result <- "fast job"
	}()
	select {
	case r := <-result:
		fmt.Println("got", r)
	case <-time.After(300 * time.Millisecond):
		fmt.Println("timeout 1")
	}

	slow := make(chan string, 1)
	go func() {
		time.Sleep(400 * time.Millisecond)
		slow <- "slow job"
	}()
	select {
	case r := <-slow:
		fmt.Println("got", r)
	case <-time.After(100 * time.Millisecond):
		fmt.Println("timeout 2")
	}
	fmt.Println("late result:", <-slow)
}
