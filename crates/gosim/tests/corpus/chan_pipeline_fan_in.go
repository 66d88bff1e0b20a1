// The pipelines pattern: one source fanned out to three squaring stages and
// merged back through a WaitGroup-closed channel. The merged order follows
// the scheduler under GOMAXPROCS=1; the sum does not depend on it.
package main

import (
	"fmt"
	"sync"
)

func source(nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		for _, n := range nums {
			out <- n
		}
		close(out)
	}()
	return out
}

func square(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for n := range in {
			out <- n * n
		}
		close(out)
	}()
	return out
}

func merge(cs ...<-chan int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int, 1)
	wg.Add(len(cs))
	for _, c := range cs {
		go func(c <-chan int) {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func main() {
	in := source(1, 2, 3, 4, 5, 6, 7, 8)
	c1 := square(in)
	c2 := square(in)
	c3 := square(in)
	var got []int
	for v := range merge(c1, c2, c3) {
		got = append(got, v)
	}
	fmt.Println(got)
	sum := 0
	for _, v := range got {
		sum += v
	}
	fmt.Println("sum", sum)
}
