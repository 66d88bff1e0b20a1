// lang: 1.21
// 700 goroutines started before main blocks overflow the local run queue
// (256) into the global one; the order they then run in shows runqputslow's
// spills, globrunqget's batches, the schedtick%61 fairness picks and the
// runtime's own goroutines queued when main.main starts (one more when
// package os is linked, as fmt does). Recorded under Go 1.21 and 1.27.
package main

import "fmt"

func main() {
	const n = 700
	done := make(chan int, n)
	for i := 0; i < n; i++ {
		go func(id int) { done <- id }(i)
	}
	order := make([]int, 0, n)
	for i := 0; i < n; i++ {
		order = append(order, <-done)
	}
	start := order[0]
	prev := start
	for _, id := range order[1:] {
		if id == prev+1 {
			prev = id
			continue
		}
		fmt.Printf("%d-%d ", start, prev)
		start, prev = id, id
	}
	fmt.Printf("%d-%d\n", start, prev)
}
