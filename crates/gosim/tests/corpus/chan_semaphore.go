// A buffered channel as a counting semaphore: ten sleeping workers, at most
// three inside at once; the first admitted are the last one started (it
// holds runnext) and then the first two, in run-queue order.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	sem := make(chan struct{}, 3)
	var mu sync.Mutex
	running, peak := 0, 0
	var order []int
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			mu.Lock()
			running++
			if running > peak {
				peak = running
			}
			order = append(order, id)
			mu.Unlock()
			time.Sleep(time.Duration(10+id) * time.Millisecond)
			mu.Lock()
			running--
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	fmt.Println("peak", peak, "started", len(order))
	fmt.Println("first three in", order[:3])
	fmt.Println("len(sem) at the end", len(sem))
}
