// Modelled on golang/go test/chan/fifo.go (BSD-style licence); written independently for gosim's corpus.
//
// A buffered channel hands values back in the order they went in, and an
// unbuffered channel served by a relay of goroutines, each let in by the one
// before it, hands them out in order too.
package main

import "fmt"

const n = 12

func bufferedOrder() {
	q := make(chan int, n)
	for v := 0; v < n; v++ {
		q <- v * v
	}
	fmt.Println("len", len(q), "cap", cap(q))
	for v := 0; v < n; v++ {
		got := <-q
		if got != v*v {
			fmt.Println("out of order:", got, "want", v*v)
		}
		fmt.Print(got, " ")
	}
	fmt.Println()
	fmt.Println("len after drain", len(q))
}

// relay waits for its turn, takes one value from shared and reports it, then
// passes the turn on.
func relay(id int, shared <-chan int, turn <-chan bool, next chan<- bool, log chan<- string) {
	<-turn
	v := <-shared
	log <- fmt.Sprintf("relay %d took %d", id, v)
	next <- true
}

func unbufferedOrder() {
	shared := make(chan int)
	log := make(chan string, n)
	first := make(chan bool)
	turn := first
	for id := 0; id < n; id++ {
		next := make(chan bool)
		go relay(id, shared, turn, next, log)
		turn = next
	}
	first <- true
	for v := 100; v < 100+n; v++ {
		shared <- v
	}
	<-turn
	close(log)
	for line := range log {
		fmt.Println(line)
	}
}

func main() {
	bufferedOrder()
	unbufferedOrder()
}
