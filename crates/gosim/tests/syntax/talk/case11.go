package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	wg := sync.WaitGroup{}
	wg.Add(1)
	go func() {
		defer wg.Done()
		start := time.Now()
		defer fmt.Printf("logging job cost: %v\n", time.Since(start))
		fmt.Printf("logging at job start: %v\n", start)
		// do sth
		time.Sleep(time.Second)
	}()
	wg.Wait()
	time.Sleep(time.Second)
}
