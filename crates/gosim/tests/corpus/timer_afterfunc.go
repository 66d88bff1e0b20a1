// time.AfterFunc callbacks run in their own goroutines in deadline order;
// one stopped before its deadline never runs, and Stop reports it.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	results := make(chan string, 3)
	wg.Add(2)
	time.AfterFunc(40*time.Millisecond, func() { results <- "late"; wg.Done() })
	time.AfterFunc(10*time.Millisecond, func() { results <- "early"; wg.Done() })
	t := time.AfterFunc(20*time.Millisecond, func() { results <- "cancelled" })
	fmt.Println("stop:", t.Stop())
	wg.Wait()
	close(results)
	for r := range results {
		fmt.Println(r)
	}
}
