// Mutex contention: 4 goroutines each take a sync.Mutex 250,000 times.
// (Joined with a channel rather than sync.WaitGroup, which goscript's library lacks.)
package main

import (
	"fmt"
	"sync"
)

func main() {
	const workers, n = 4, 250000
	var mu sync.Mutex
	done := make(chan bool)
	count := 0
	for w := 0; w < workers; w++ {
		go func() {
			for i := 0; i < n; i++ {
				mu.Lock()
				count++
				mu.Unlock()
			}
			done <- true
		}()
	}
	for w := 0; w < workers; w++ {
		<-done
	}
	fmt.Println("mutex", count)
}
