package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	time.Sleep(100 * time.Millisecond)
	elapsed := time.Since(start)
	fmt.Println("slept at least 100ms:", elapsed >= 100*time.Millisecond)

	tick := time.Tick(50 * time.Millisecond)
	for i := 1; i <= 3; i++ {
		<-tick
		fmt.Println("tick", i)
	}
	fmt.Println("at least 250ms in total:", time.Since(start) >= 250*time.Millisecond)
}
