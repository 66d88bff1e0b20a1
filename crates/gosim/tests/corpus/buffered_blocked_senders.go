package main

import (
	"fmt"
	"sync"
)

func main() {
	ch := make(chan int, 2)
	var wg sync.WaitGroup
	for i := 1; i <= 4; i++ {
		wg.Add(1)
		go func(v int) {
			defer wg.Done()
			ch <- v
			fmt.Println("sender", v, "done")
		}(i)
	}
	for i := 0; i < 4; i++ {
		fmt.Println("got", <-ch, "len", len(ch))
	}
	wg.Wait()
}
