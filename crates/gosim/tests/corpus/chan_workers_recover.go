// Workers that recover from runtime panics and report through a channel
// from their deferred function; the order of the reports follows the
// scheduler's run queue (runnext first) under GOMAXPROCS=1.
package main

import "fmt"

func worker(results chan<- string, id int) {
	defer func() {
		if r := recover(); r != nil {
			results <- fmt.Sprintf("worker %d failed: %v", id, r)
			return
		}
		results <- fmt.Sprintf("worker %d ok", id)
	}()
	if id%2 == 1 {
		var m map[string]int
		m["x"] = id
	}
	if id == 4 {
		a := []int{1}
		_ = a[id]
	}
}

func main() {
	results := make(chan string)
	for i := 0; i < 6; i++ {
		go worker(results, i)
	}
	for i := 0; i < 6; i++ {
		fmt.Println(<-results)
	}
}
