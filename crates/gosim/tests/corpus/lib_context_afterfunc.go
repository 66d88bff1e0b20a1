package main

import (
	"context"
	"fmt"
	"sync"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	stop := context.AfterFunc(ctx, func() {
		defer wg.Done()
		fmt.Println("after func ran:", ctx.Err())
	})
	fmt.Println("before cancel")
	cancel()
	wg.Wait()
	fmt.Println("stop after run:", stop())

	ctx2, cancel2 := context.WithCancel(context.Background())
	stop2 := context.AfterFunc(ctx2, func() { fmt.Println("never runs") })
	fmt.Println("stop before cancel:", stop2())
	fmt.Println("stop again:", stop2())
	cancel2()

	ctx3, cancel3 := context.WithCancel(context.Background())
	cancel3()
	done := make(chan struct{})
	context.AfterFunc(ctx3, func() {
		fmt.Println("already canceled: runs at once")
		close(done)
	})
	<-done
	fmt.Println("end")
}
