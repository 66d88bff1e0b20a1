// The run-queue overflow order of sched_runq_overflow without package os
// linked (println instead of fmt), so one runtime goroutine fewer is queued
// when main.main starts.
package main

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
		print(start, "-", prev, " ")
		start, prev = id, id
	}
	println(start, "-", prev)
}
