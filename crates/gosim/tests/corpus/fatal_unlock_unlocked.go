package main

import (
	"fmt"
	"sync"
)

func main() {
	defer fmt.Println("deferred calls do not run after a fatal error")
	defer func() {
		fmt.Println("recover cannot catch it:", recover())
	}()
	var mu sync.Mutex
	mu.Lock()
	mu.Unlock()
	fmt.Println("unlocking twice")
	mu.Unlock()
}
