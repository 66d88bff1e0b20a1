// Dining philosophers with one philosopher taking the forks in the other
// order, so no cycle of waits can form: every philosopher eats three times.
package main

import (
	"fmt"
	"sync"
)

type fork struct{ sync.Mutex }

func main() {
	const n = 5
	forks := make([]*fork, n)
	for i := range forks {
		forks[i] = new(fork)
	}
	var wg sync.WaitGroup
	meals := make(chan string, n*3)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			left, right := forks[id], forks[(id+1)%n]
			if id == n-1 {
				left, right = right, left // break the cycle
			}
			for m := 0; m < 3; m++ {
				left.Lock()
				right.Lock()
				meals <- fmt.Sprintf("philosopher %d meal %d", id, m)
				right.Unlock()
				left.Unlock()
			}
		}(i)
	}
	wg.Wait()
	close(meals)
	count := map[int]int{}
	for m := range meals {
		var id, k int
		fmt.Sscanf(m, "philosopher %d meal %d", &id, &k)
		count[id]++
	}
	fmt.Println(count)
}
