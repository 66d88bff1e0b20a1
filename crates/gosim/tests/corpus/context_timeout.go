package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func slowOp(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	fmt.Println("fast:", slowOp(ctx, 20*time.Millisecond))
	err := slowOp(ctx, 500*time.Millisecond)
	fmt.Println("slow:", err)
	fmt.Println(errors.Is(err, context.DeadlineExceeded), err == context.DeadlineExceeded)

	deadline := time.Now().Add(50 * time.Millisecond)
	ctx2, cancel2 := context.WithDeadline(context.Background(), deadline)
	cancel2()
	<-ctx2.Done()
	fmt.Println("cancelled before deadline:", ctx2.Err())

	ctx3, cancel3 := context.WithTimeout(context.Background(), time.Hour)
	parent, cancelParent := context.WithCancel(context.Background())
	ctx4, cancel4 := context.WithTimeout(parent, time.Hour)
	cancelParent()
	<-ctx4.Done()
	fmt.Println("parent cancelled:", ctx4.Err(), "| unrelated:", ctx3.Err())
	cancel3()
	cancel4()
	fmt.Printf("%v\n", fmt.Errorf("op: %w", context.DeadlineExceeded))
}
