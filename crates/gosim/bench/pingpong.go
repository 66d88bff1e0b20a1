// Unbuffered-channel ping-pong: 1,000,000 messages in all (500,000 pings
// from main, 500,000 pongs back), each one a hand-off between two goroutines.
package main

import "fmt"

func main() {
	const messages = 1000000
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	sum := 0
	for i := 0; i < messages/2; i++ {
		ping <- i
		sum += <-pong
	}
	close(ping)
	fmt.Println("pingpong messages:", messages, "checksum:", sum)
}
