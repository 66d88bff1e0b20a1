// Modelled on golang/go test/chan/sendstmt.go (BSD-style licence); written independently for gosim's corpus.
//
// Parsing around the send statement and channel types: a send to a channel
// that is itself received (`<-cc <- v`) as a select case, a send of a
// boolean expression, a send of a receive, and nested directional channel
// types.
package main

import "fmt"

func main() {
	cc := make(chan chan int, 1)
	c := make(chan int, 1)
	cc <- c
	select {
	case <-cc <- 2:
		fmt.Println("sent 2 through the channel received from cc")
	default:
		fmt.Println("default")
	}
	fmt.Println("c holds", <-c)

	b := make(chan bool, 1)
	b <- false || true
	fmt.Println("sent", <-b)
	b <- 1 < 2 && 3 > 4
	fmt.Println("sent", <-b)

	src := make(chan int, 1)
	dst := make(chan int, 1)
	src <- 40
	dst <- <-src + 2
	fmt.Println("dst holds", <-dst)

	// chan<- chan int is a send-only channel of chan int;
	// chan (<-chan int) is a channel of receive-only channels.
	var sendOnly chan<- chan int = make(chan chan int, 1)
	var ofRecvOnly chan (<-chan int) = make(chan (<-chan int), 1)
	var recvOfRecv <-chan <-chan int = ofRecvOnly
	inner := make(chan int, 1)
	inner <- 9
	sendOnly <- inner
	ofRecvOnly <- inner
	fmt.Println("through two levels:", <-<-recvOfRecv)
	fmt.Printf("%T | %T | %T\n", sendOnly, ofRecvOnly, recvOfRecv)

	funcs := make(chan func(int) int, 1)
	funcs <- func(x int) int { return x * 3 }
	fmt.Println("function from a channel:", (<-funcs)(14))
}
