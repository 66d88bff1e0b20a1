// Modelled on golang/go test/chan/select7.go (BSD-style licence); written independently for gosim's corpus.
//
// Every pairing of three ways to receive and discard a value (plain receive,
// a one-case select, a two-case select with a dead extra case) with three
// ways to send one (plain send, one-case select, two-case select), with the
// receiver parked before the sender arrives.
package main

import (
	"fmt"
	"runtime"
)

type receiver func(c <-chan int, done chan<- string)
type sender func(c chan<- int)

func recvPlain(c <-chan int, done chan<- string) {
	<-c
	done <- "plain"
}

func recvSelect1(c <-chan int, done chan<- string) {
	select {
	case <-c:
	}
	done <- "select1"
}

func recvSelect2(c <-chan int, done chan<- string) {
	dead := make(chan int)
	select {
	case <-c:
	case <-dead:
		panic("dead case chosen")
	}
	done <- "select2"
}

func sendPlain(c chan<- int) { c <- 1 }

func sendSelect1(c chan<- int) {
	select {
	case c <- 1:
	}
}

func sendSelect2(c chan<- int) {
	dead := make(chan int)
	select {
	case c <- 1:
	case dead <- 1:
		panic("dead case chosen")
	}
}

func main() {
	receivers := []receiver{recvPlain, recvSelect1, recvSelect2}
	senders := []sender{sendPlain, sendSelect1, sendSelect2}
	names := []string{"plain", "select1", "select2"}
	pairs := 0
	for _, r := range receivers {
		for j, s := range senders {
			c := make(chan int)
			done := make(chan string)
			go r(c, done)
			runtime.Gosched()
			s(c)
			fmt.Println("send", names[j], "-> receive", <-done)
			pairs++
		}
	}
	fmt.Println(pairs, "pairs")
}
