package main

import (
	"fmt"
	"time"
)

func main() {
	defer fmt.Println("main's defer does not run")
	go func() {
		defer fmt.Println("goroutine's defer runs")
		fmt.Println("goroutine starts")
		var s []int
		_ = s[3]
	}()
	time.Sleep(time.Second)
	fmt.Println("unreachable")
}
