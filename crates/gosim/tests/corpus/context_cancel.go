package main

import (
	"context"
	"fmt"
	"sync"
)

func worker(ctx context.Context, id int, out chan<- string, wg *sync.WaitGroup) {
	defer wg.Done()
	<-ctx.Done()
	out <- fmt.Sprintf("worker %d stopped: %v", id, ctx.Err())
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	fmt.Println("before cancel:", ctx.Err())
	out := make(chan string, 3)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go worker(ctx, i, out, &wg)
	}
	cancel()
	wg.Wait()
	close(out)
	n := 0
	for range out {
		n++
	}
	fmt.Println("stopped workers:", n)
	fmt.Println("after cancel:", ctx.Err())
	cancel()
	fmt.Println(ctx.Err() == context.Canceled)

	child, cancelChild := context.WithCancel(ctx)
	defer cancelChild()
	<-child.Done()
	fmt.Println("child of a cancelled parent:", child.Err())

	todo := context.TODO()
	fmt.Println(todo.Err(), context.Background().Done() == nil)
}
