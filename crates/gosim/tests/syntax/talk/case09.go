package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var wg sync.WaitGroup
	var count int64
	for i := 0; i < 1000; i++ {
		go func() {
			wg.Add(1)
			atomic.AddInt64(&count, 1) // do sth
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Printf("done! count:%v\n", atomic.LoadInt64(&count))
}
