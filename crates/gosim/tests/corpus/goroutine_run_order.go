package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			fmt.Println("goroutine", id)
		}(i)
	}
	fmt.Println("main before Wait")
	wg.Wait()

	ch := make(chan int)
	for i := 0; i < 3; i++ {
		go func(id int) {
			fmt.Println("sender", id, "ready")
			ch <- id
		}(i)
	}
	for i := 0; i < 3; i++ {
		fmt.Println("received", <-ch)
	}
}
