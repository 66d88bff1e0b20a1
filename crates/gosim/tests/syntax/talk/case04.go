package main

import (
	"fmt"
	"sync"
)

func main() {
	var (
		l  sync.Mutex
		wg sync.WaitGroup
		ch = make(chan int, 1)
	)
	wg.Add(2)
	go func() {
		defer wg.Done()
		l.Lock()
		for i := 0; i < 4; i++ {
			ch <- i
		}
		l.Unlock()
	}()
	go func() {
		defer wg.Done()
		for a := range ch {
			l.Lock()
			fmt.Println(a)
			l.Unlock()
		}

	}()
	wg.Wait()
	close(ch)
}

