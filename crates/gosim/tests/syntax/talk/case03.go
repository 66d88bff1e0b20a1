package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var (
		wg  sync.WaitGroup
		ch  = make(chan int64, 1)
		res int64
	)
	wg.Add(2)
	go func() {
		defer wg.Done()
		ch <- 4
		// do sth
		fmt.Println(atomic.LoadInt64(&res))
	}()
	go func() {
		defer wg.Done()
		// do sth
		atomic.AddInt64(&res, <-ch)
	}()
	wg.Wait()
	close(ch)
}
