package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(5 * time.Second)
		cancel()
	}()
	isTimeout := false
Loop:
	for {
		select {
		case <-ctx.Done():
			break Loop
		case <-time.After(time.Second * 2):
			isTimeout = true
			break Loop
		default:
			// do sth
		}
	}
	fmt.Printf("end with timeout: %v\n", isTimeout)
}
