package main

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

func SafeCall[T any](f func() T) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return f(), nil
}

func FanIn[T any](inputs ...[]T) []T {
	ch := make(chan T)
	var wg sync.WaitGroup
	for _, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, v := range in {
				ch <- v
			}
		}()
	}
	go func() { wg.Wait(); close(ch) }()
	var out []T
	for v := range ch {
		out = append(out, v)
	}
	return out
}

func FirstOf[T any](timeout time.Duration, fs ...func() T) (T, error) {
	ch := make(chan T, len(fs))
	for _, f := range fs {
		go func() { ch <- f() }()
	}
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(timeout):
		var zero T
		return zero, errors.New("timeout")
	}
}

type Counter[K comparable] struct {
	mu sync.Mutex
	m  map[K]int
}

func (c *Counter[K]) Inc(k K) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[K]int{}
	}
	c.m[k]++
	return c.m[k]
}

func Apply[T any](xs []T, f func(T)) {
	for _, x := range xs {
		f(x)
	}
}

func main() {
	v, err := SafeCall(func() int { return 42 })
	fmt.Println(v, err)
	s, err := SafeCall(func() string { var m map[string]int; m["x"] = 1; return "no" })
	fmt.Printf("%q %v\n", s, err)
	fmt.Println(len(FanIn([]int{1, 2}, []int{3}, nil)))
	r, err := FirstOf(time.Second, func() string { time.Sleep(time.Millisecond); return "slow" }, func() string { return "fast" })
	fmt.Println(r, err)
	_, err = FirstOf(time.Millisecond, func() int { time.Sleep(time.Second); return 1 })
	fmt.Println(err)
	var c Counter[string]
	inc := c.Inc
	Apply([]string{"a", "b", "a"}, func(k string) { inc(k) })
	fmt.Println(c.m, c.Inc("a"))
	var total int
	Apply([]int{1, 2, 3}, func(n int) { total += n })
	fmt.Println(total)
}
