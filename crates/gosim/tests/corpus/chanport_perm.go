// Modelled on golang/go test/chan/perm.go (BSD-style licence); written independently for gosim's corpus.
//
// Channel direction is checked at compile time: receiving from a send-only
// channel, sending to a receive-only one, closing a receive-only one,
// ranging over a send-only one and assigning a directional channel to the
// other direction are all errors, reported in source order.
package main

func main() {
	var both chan int = make(chan int, 1)
	var sendOnly chan<- int = both
	var recvOnly <-chan int = both

	sendOnly <- 1
	<-recvOnly
	both = sendOnly
	both = recvOnly
	<-sendOnly
	recvOnly <- 2
	close(recvOnly)
	for range sendOnly {
	}
	select {
	case <-sendOnly:
	case recvOnly <- 3:
	}
}
