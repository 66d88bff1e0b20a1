package main

import (
	"fmt"
	"time"
)

func main() {
	// ... ...
	handler()
	// ... ...
}

func handler() {
	ch := make(chan string)
	go func() {
		// do sth then put result
		time.Sleep(3 * time.Second)
		ch <- "job result"
	}()

	select {
	case result := <-ch:
		fmt.Println(result)
	case <-time.After(time.Second): //timeout
		return
	}
}

