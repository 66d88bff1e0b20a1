// 100 goroutines, each doing 10,000 sync.Mutex Lock/Unlock pairs around a
// shared counter: 1,000,000 lock pairs in all.
package main

import (
	"fmt"
	"sync"
)

func main() {
	const workers = 100
	const pairs = 10000
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	wg.Add(workers)
	for w := 0; w < workers; w++ {
		go func() {
			defer wg.Done()
			for i := 0; i < pairs; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("mutex lock pairs:", workers*pairs, "checksum:", counter)
}
