// Ping-pong over an unbuffered channel: 500,000 round trips between two goroutines.
// (Receives with `v, ok := <-ch` rather than `range ch`: goscript's code generator
// does not handle ranging over a channel.)
package main

import "fmt"

func main() {
	const n = 500000
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for {
			v, ok := <-ping
			if !ok {
				break
			}
			pong <- v + 1
		}
	}()
	sum := 0
	for i := 0; i < n; i++ {
		ping <- i
		sum += <-pong
	}
	close(ping)
	fmt.Println("pingpong", n, sum)
}
