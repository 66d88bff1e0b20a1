package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	waiting := 0
	queue := []int{}
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			mu.Lock()
			waiting++
			fmt.Println("waiter", id, "waits")
			for len(queue) == 0 {
				cond.Wait()
			}
			item := queue[0]
			queue = queue[1:]
			fmt.Println("waiter", id, "got", item)
			mu.Unlock()
		}(i)
	}
	// Wait until all three are parked on the Cond.
	for {
		mu.Lock()
		n := waiting
		mu.Unlock()
		if n == 3 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	for item := 100; item < 103; item++ {
		mu.Lock()
		queue = append(queue, item)
		mu.Unlock()
		cond.Signal()
	}
	wg.Wait()

	mu.Lock()
	done := false
	go func() {
		mu.Lock()
		done = true
		mu.Unlock()
		cond.Broadcast()
	}()
	for !done {
		cond.Wait()
	}
	mu.Unlock()
	fmt.Println("broadcast seen")
}
