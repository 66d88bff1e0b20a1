package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type config struct {
	version int
	name    string
}

func main() {
	var p atomic.Pointer[config]
	fmt.Println(p.Load() == nil)
	c1 := &config{1, "first"}
	fmt.Println(p.CompareAndSwap(nil, c1))
	fmt.Println(p.Load().name)
	c2 := &config{2, "second"}
	fmt.Println(p.CompareAndSwap(c2, c1), p.CompareAndSwap(c1, c2))
	old := p.Swap(&config{3, "third"})
	fmt.Println(old.version, p.Load().version)
	p.Store(nil)
	fmt.Println(p.Load() == nil)

	var cur atomic.Pointer[config]
	cur.Store(&config{0, "v0"})
	var wg sync.WaitGroup
	for i := 1; i <= 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				o := cur.Load()
				n := &config{o.version + 1, fmt.Sprint("v", o.version+1)}
				if cur.CompareAndSwap(o, n) {
					return
				}
			}
		}()
	}
	wg.Wait()
	fmt.Println(cur.Load().version, cur.Load().name)

	var v atomic.Value
	fmt.Println(v.Load())
	v.Store("hello")
	fmt.Println(v.CompareAndSwap("nope", "x"), v.CompareAndSwap("hello", "world"), v.Load())
	fmt.Println(v.Swap("again"), v.Load())
}
