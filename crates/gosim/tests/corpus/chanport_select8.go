// Modelled on golang/go test/chan/select8.go (BSD-style licence); written independently for gosim's corpus.
//
// break inside a select leaves the select, not an enclosing loop; a labelled
// break leaves the loop. One-, two- and three-case selects, with and without
// default, since compilers treat small selects specially.
package main

import (
	"fmt"
	"runtime"
)

var feed = make(chan int)

func main() {
	go func() {
		for i := 1; ; i++ {
			feed <- i
		}
	}()

	for round := 0; round < 2; round++ {
		select {
		case v := <-feed:
			fmt.Println("one case, got", v)
			break
		}
		fmt.Println("after one-case select, round", round)
	}

	select {
	default:
		fmt.Println("default only")
		break
	}

	// A sender readied by a receive does not run until main yields, so the
	// select below sees it only on the rounds that yield first.
	n := 0
	for {
		n++
		if n%2 == 1 {
			runtime.Gosched()
		}
		select {
		case v := <-feed:
			if v%2 == 0 {
				fmt.Println("even", v, "breaks the select only")
				break
			}
			fmt.Println("odd", v)
		default:
			fmt.Println("default breaks the select")
			break
		}
		if n == 4 {
			break
		}
	}

	count := 0
outer:
	for {
		select {
		case v := <-feed:
			count++
			if v > 12 {
				fmt.Println("labelled break at", v)
				break outer
			}
		case feed <- -1:
			panic("sending to a channel only this goroutine receives from")
		}
	}
	fmt.Println("received", count, "in the labelled loop")
}
