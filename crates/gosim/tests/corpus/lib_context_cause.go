package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

var errShutdown = errors.New("server shutting down")

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	child, cancelChild := context.WithCancel(ctx)
	defer cancelChild()
	fmt.Println(ctx.Err(), context.Cause(ctx))
	cancel(errShutdown)
	<-child.Done()
	fmt.Println(ctx.Err(), context.Cause(ctx))
	fmt.Println(child.Err(), context.Cause(child))
	cancel(errors.New("ignored"))
	fmt.Println(context.Cause(ctx))

	ctx2, cancel2 := context.WithCancelCause(context.Background())
	cancel2(nil)
	fmt.Println(ctx2.Err(), context.Cause(ctx2))

	tctx, tcancel := context.WithTimeoutCause(context.Background(), 10*time.Millisecond, errors.New("too slow"))
	defer tcancel()
	<-tctx.Done()
	fmt.Println(tctx.Err(), context.Cause(tctx))

	vctx := context.WithValue(ctx, "k", "v")
	fmt.Println(context.Cause(vctx), vctx.Value("k"))

	wctx := context.WithoutCancel(ctx)
	fmt.Println(wctx.Err(), wctx.Done() == nil, context.Cause(wctx), wctx.Value("k"), context.WithoutCancel(vctx).Value("k"))
	fmt.Println(context.Cause(context.Background()))
}
