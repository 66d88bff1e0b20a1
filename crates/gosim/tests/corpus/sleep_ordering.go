package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	delays := []int{300, 100, 200}
	for i, d := range delays {
		wg.Add(1)
		go func(i, d int) {
			defer wg.Done()
			time.Sleep(time.Duration(d) * time.Millisecond)
			fmt.Println("worker", i, "woke after", time.Duration(d)*time.Millisecond)
		}(i, d)
	}
	wg.Wait()
	time.Sleep(0)
	time.Sleep(-5 * time.Second)
	fmt.Println("all done")
}
