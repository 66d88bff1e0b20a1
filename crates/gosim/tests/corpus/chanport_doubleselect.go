// Modelled on golang/go test/chan/doubleselect.go (BSD-style licence); written independently for gosim's corpus.
//
// One sender offers each value to four unbuffered channels at once in a
// select; four forwarders relay into one channel. If two cases of one select
// could both complete, some value would arrive twice; every value must
// arrive exactly once, whichever case the runtime picks.
package main

import (
	"fmt"
	"sync"
)

const n = 3000

func offer(outs [4]chan<- int) {
	for i := 0; i < n; i++ {
		select {
		case outs[0] <- i:
		case outs[1] <- i:
		case outs[2] <- i:
		case outs[3] <- i:
		}
	}
	for _, c := range outs {
		close(c)
	}
}

func forward(in <-chan int, out chan<- int, wg *sync.WaitGroup, counts *[4]int, k int) {
	defer wg.Done()
	for v := range in {
		counts[k]++
		out <- v
	}
}

func main() {
	var ins [4]chan int
	var outs [4]chan<- int
	for k := range ins {
		ins[k] = make(chan int)
		outs[k] = ins[k]
	}
	merged := make(chan int)
	var wg sync.WaitGroup
	var counts [4]int
	go offer(outs)
	for k := range ins {
		wg.Add(1)
		go forward(ins[k], merged, &wg, &counts, k)
	}
	go func() {
		wg.Wait()
		close(merged)
	}()

	seen := make(map[int]bool)
	dups, sum := 0, 0
	for v := range merged {
		if seen[v] {
			dups++
		}
		seen[v] = true
		sum += v
	}
	total := 0
	used := 0
	for _, c := range counts {
		total += c
		if c > 0 {
			used++
		}
	}
	fmt.Println("received", len(seen), "distinct values, duplicates", dups)
	fmt.Println("sum", sum, "want", n*(n-1)/2)
	fmt.Println("forwarded", total, "forwarders used", used)
}
