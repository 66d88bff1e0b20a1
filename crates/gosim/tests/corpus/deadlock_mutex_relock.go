package main

import (
	"fmt"
	"sync"
)

var mu sync.Mutex

func inner() {
	mu.Lock()
	defer mu.Unlock()
	fmt.Println("inner")
}

func main() {
	mu.Lock()
	defer mu.Unlock()
	fmt.Println("outer holds the lock")
	inner()
}
