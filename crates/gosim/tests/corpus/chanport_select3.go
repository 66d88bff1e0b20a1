// Modelled on golang/go test/chan/select3.go (BSD-style licence); written independently for gosim's corpus.
//
// Which channel operations block, proceed or panic: nil channels, closed
// channels, ready and unready buffers, empty selects and selects whose only
// cases are nil, each alone and inside selects with and without default.
// A probe runs the operation in a goroutine and reports whether it finished
// before a timer, which only fires once everything else is stuck.
package main

import (
	"fmt"
	"time"
)

func probe(name string, op func()) {
	result := make(chan string, 2)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				result <- fmt.Sprint("panics: ", r)
			}
		}()
		op()
		result <- "proceeds"
	}()
	go func() {
		time.Sleep(20 * time.Millisecond)
		result <- "blocks"
	}()
	fmt.Printf("%-34s %s\n", name, <-result)
}

func main() {
	var nilch chan int
	closed := make(chan int)
	close(closed)

	probe("send on nil", func() { nilch <- 1 })
	probe("receive on nil", func() { <-nilch })
	probe("select send nil + default", func() {
		select {
		case nilch <- 1:
			panic("nil send chosen")
		default:
		}
	})
	probe("select receive nil + default", func() {
		select {
		case <-nilch:
			panic("nil receive chosen")
		default:
		}
	})
	probe("send with free buffer", func() {
		c := make(chan int, 1)
		c <- 1
	})
	probe("send with full buffer", func() {
		c := make(chan int, 1)
		c <- 1
		c <- 2
	})
	probe("receive on closed, ten times", func() {
		for i := 0; i < 10; i++ {
			v, ok := <-closed
			if v != 0 || ok {
				panic("closed channel gave a value")
			}
		}
	})
	probe("send on closed", func() { closed <- 1 })
	probe("close of closed", func() { close(closed) })
	probe("close of nil", func() { close(nilch) })
	probe("receive on empty unbuffered", func() {
		c := make(chan int)
		<-c
	})
	probe("empty select", func() { select {} })
	probe("select receive only nil", func() {
		select {
		case <-nilch:
		}
	})
	probe("select send only nil", func() {
		select {
		case nilch <- 1:
		}
	})
	probe("select both nil", func() {
		select {
		case <-nilch:
		case nilch <- 1:
		}
	})
	probe("select unready receive", func() {
		c := make(chan int)
		select {
		case <-c:
		}
	})
	probe("select default only", func() {
		select {
		default:
		}
	})
	probe("select ready send + default", func() {
		c := make(chan int, 1)
		select {
		case c <- 1:
		default:
			panic("default chosen over a ready send")
		}
	})
	probe("select ready receive + default", func() {
		c := make(chan int, 1)
		c <- 1
		select {
		case <-c:
		default:
			panic("default chosen over a ready receive")
		}
	})
	probe("select receive closed", func() {
		select {
		case <-closed:
		}
	})
	probe("select receive closed, comma ok", func() {
		select {
		case v, ok := <-closed:
			if ok || v != 0 {
				panic("closed gave a value")
			}
		}
	})
	probe("select send closed", func() {
		select {
		case closed <- 1:
		}
	})
	probe("select send closed + default", func() {
		select {
		case closed <- 1:
		default:
		}
	})
	probe("select sees itself", func() {
		c := make(chan int)
		select {
		case c <- 1:
		case <-c:
		}
	})
}
