// A goroutine that sleeps for the longest Duration does not hold main up.
package main

import (
	"fmt"
	"time"
)

func main() {
	go func() {
		time.Sleep(1<<63 - 1)
		fmt.Println("never printed")
	}()
	t := time.NewTimer(1<<63 - 1)
	t.Reset(1<<63 - 1)
	time.Sleep(time.Millisecond)
	fmt.Println("main done", t.Stop())
}
