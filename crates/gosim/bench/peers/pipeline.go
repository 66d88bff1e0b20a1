// A pipeline: generate -> square -> filter -> sum, four goroutines joined by
// buffered channels, 300,000 values. (Receives with `v, ok := <-ch` rather than
// `range ch`: goscript's code generator does not handle ranging over a channel.)
package main

import "fmt"

func main() {
	const n = 300000
	gen := make(chan int, 64)
	sq := make(chan int, 64)
	odd := make(chan int, 64)
	go func() {
		for i := 0; i < n; i++ {
			gen <- i
		}
		close(gen)
	}()
	go func() {
		for {
			v, ok := <-gen
			if !ok {
				break
			}
			sq <- v * v
		}
		close(sq)
	}()
	go func() {
		for {
			v, ok := <-sq
			if !ok {
				break
			}
			if v%2 == 1 {
				odd <- v
			}
		}
		close(odd)
	}()
	sum := 0
	for {
		v, ok := <-odd
		if !ok {
			break
		}
		sum += v
	}
	fmt.Println("pipeline", sum)
}
