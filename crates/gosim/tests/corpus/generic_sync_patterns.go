package main

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// Lazy computes a value once, on first use, safely from many goroutines.
type Lazy[T any] struct {
	once sync.Once
	f    func() T
	v    T
}

func NewLazy[T any](f func() T) *Lazy[T] { return &Lazy[T]{f: f} }

func (l *Lazy[T]) Get() T {
	l.once.Do(func() { l.v = l.f() })
	return l.v
}

// Cache memoizes a function with a read-write lock.
type Cache[K comparable, V any] struct {
	mu    sync.RWMutex
	data  map[K]V
	calls int
	fill  func(K) V
}

func NewCache[K comparable, V any](fill func(K) V) *Cache[K, V] {
	return &Cache[K, V]{data: make(map[K]V), fill: fill}
}

func (c *Cache[K, V]) Get(k K) V {
	c.mu.RLock()
	v, ok := c.data[k]
	c.mu.RUnlock()
	if ok {
		return v
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.data[k]; ok {
		return v
	}
	c.calls++
	v = c.fill(k)
	c.data[k] = v
	return v
}

// Group runs functions concurrently and returns the first error.
type Group[T any] struct {
	wg      sync.WaitGroup
	mu      sync.Mutex
	results []T
	err     error
}

func (g *Group[T]) Go(f func() (T, error)) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		v, err := f()
		g.mu.Lock()
		defer g.mu.Unlock()
		if err != nil {
			if g.err == nil {
				g.err = err
			}
			return
		}
		g.results = append(g.results, v)
	}()
}

func (g *Group[T]) Wait() ([]T, error) {
	g.wg.Wait()
	return g.results, g.err
}

// Future delivers one value through a channel.
type Future[T any] struct{ ch chan T }

func Async[T any](f func() T) Future[T] {
	fu := Future[T]{make(chan T, 1)}
	go func() { fu.ch <- f() }()
	return fu
}

func (f Future[T]) Await(timeout time.Duration) (T, bool) {
	select {
	case v := <-f.ch:
		return v, true
	case <-time.After(timeout):
		var zero T
		return zero, false
	}
}

func main() {
	calls := 0
	cfg := NewLazy(func() map[string]int {
		calls++
		return map[string]int{"workers": 4}
	})
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = cfg.Get()["workers"]
		}()
	}
	wg.Wait()
	fmt.Println(cfg.Get()["workers"], "computed", calls, "time(s)")

	sq := NewCache(func(n int) int { return n * n })
	for _, n := range []int{3, 4, 3, 3, 4} {
		fmt.Print(sq.Get(n), " ")
	}
	fmt.Println("fills:", sq.calls)

	var g Group[string]
	for _, name := range []string{"alpha", "beta", "gamma"} {
		g.Go(func() (string, error) {
			if name == "beta" {
				return "", errors.New("beta failed")
			}
			return name + " ok", nil
		})
	}
	res, err := g.Wait()
	fmt.Println(len(res), err)

	fast := Async(func() int { return 42 })
	slow := Async(func() string { time.Sleep(time.Second); return "late" })
	v, ok := fast.Await(100 * time.Millisecond)
	fmt.Println(v, ok)
	s, ok := slow.Await(100 * time.Millisecond)
	fmt.Printf("%q %v\n", s, ok)
}
