package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	done := make(chan string)
	context.AfterFunc(ctx, func() {
		done <- fmt.Sprint("cleanup: ", context.Cause(ctx))
	})
	fmt.Println(<-done)
	fmt.Println(errors.Is(ctx.Err(), context.DeadlineExceeded))

	parent, cancelParent := context.WithCancelCause(context.Background())
	child, cancelChild := context.WithTimeout(parent, time.Hour)
	defer cancelChild()
	stopped := make(chan bool)
	stop := context.AfterFunc(child, func() { stopped <- true })
	cancelParent(errors.New("user quit"))
	fmt.Println(<-stopped, stop(), context.Cause(child), child.Err())
	detached := context.WithoutCancel(child)
	select {
	case <-detached.Done():
		fmt.Println("detached canceled?")
	default:
		fmt.Println("detached lives on:", detached.Err())
	}
}
