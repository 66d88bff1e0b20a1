package main

import (
	"fmt"
	"sync"
	"time"
)

var mu sync.RWMutex

func main() {
	go A1()
	time.Sleep(2 * time.Second)

	fmt.Println("w call lock")
	mu.Lock()
	defer mu.Unlock()

}
func A1() {
	fmt.Println("a1 call rlock")
	mu.RLock()
	fmt.Println("a1 rlocked")
	defer mu.RUnlock()
	B2()
}
func B2() {
	time.Sleep(5 * time.Second)
	C3()
}
func C3() {
	fmt.Println("c3 call rlock")
	mu.RLock()
	fmt.Println("c3 rlocked")
	defer mu.RUnlock()
}
