package main

import (
	"context"
	"errors"
	"fmt"
)

var errA = errors.New("cause A")

func main() {
	root, cancelRoot := context.WithCancelCause(context.Background())
	mid := context.WithValue(root, "req", 7)
	leaf, cancelLeaf := context.WithCancelCause(mid)
	other, cancelOther := context.WithCancel(mid)
	defer cancelOther()

	cancelLeaf(errors.New("leaf only"))
	fmt.Println(leaf.Err(), context.Cause(leaf), root.Err(), context.Cause(root))

	cancelRoot(errA)
	<-other.Done()
	fmt.Println(other.Err(), context.Cause(other), errors.Is(context.Cause(other), errA))
	fmt.Println(context.Cause(leaf), context.Cause(mid), mid.Value("req"))
	cancelLeaf(errors.New("again"))
	fmt.Println(context.Cause(leaf))
}
