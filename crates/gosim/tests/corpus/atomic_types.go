package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type stats struct {
	requests atomic.Int64
	errors   atomic.Int32
	bytes    atomic.Uint64
	max      atomic.Uint32
}

func main() {
	var s stats
	var wg sync.WaitGroup
	for i := 1; i <= 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s.requests.Add(1)
			if i%5 == 0 {
				s.errors.Add(1)
			}
			s.bytes.Add(uint64(i * 100))
			for {
				old := s.max.Load()
				if uint32(i) <= old || s.max.CompareAndSwap(old, uint32(i)) {
					break
				}
			}
		}(i)
	}
	wg.Wait()
	fmt.Println(s.requests.Load(), s.errors.Load(), s.bytes.Load(), s.max.Load())

	var n atomic.Int64
	n.Store(10)
	fmt.Println(n.Swap(20), n.Load(), n.CompareAndSwap(20, 21), n.Load(), n.Add(-1))
}
