package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var (
		wg sync.WaitGroup
		mu sync.RWMutex
	)

	wg.Add(5)
	go func() {
		defer wg.Done()
		mu.RLock()
		time.Sleep(5 * time.Second)
		mu.RUnlock()
	}()
	time.Sleep(time.Second)
	// 加写锁，此时reader0还未释放锁
	go func() {
		defer wg.Done()
		fmt.Println("writer0 Call Lock")
		mu.Lock()
		fmt.Println("writer0 Lock")
		time.Sleep(5 * time.Second)
		fmt.Println("writer0 Call UnLock")
		mu.Unlock()
		fmt.Println("writer0 UnLocked")
	}()
	time.Sleep(time.Second)
	// 加读锁，此时reader0还未释放锁
	for i := 1; i <= 3; i++ {
		go func(idx int) {
			defer wg.Done()
			fmt.Printf("reader%d Call RLock\n", idx)
			mu.RLock()
			fmt.Printf("reader%d RLock\n", idx)
			time.Sleep(3 * time.Second)
			fmt.Printf("reader%d Call RUnLock\n", idx)
			mu.RUnlock()
			fmt.Printf("reader%d RUnLocked\n", idx)
		}(i)
	}
	wg.Wait()
}
