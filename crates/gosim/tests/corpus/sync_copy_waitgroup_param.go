package main

import (
	"fmt"
	"sync"
)

// The worker gets a copy of the WaitGroup: its Done never reaches main's,
// so main's Wait blocks forever (go vet's copylocks check).
func worker(id int, wg sync.WaitGroup) {
	defer wg.Done()
	fmt.Println("worker", id, "done")
}

func main() {
	var wg sync.WaitGroup
	for i := 1; i <= 2; i++ {
		wg.Add(1)
		go worker(i, wg)
	}
	wg.Wait()
	fmt.Println("never printed")
}
