package main

import (
	"fmt"
	"sync"
)

func main() {
	var m sync.Map
	m.Store("a", 1)
	m.Store("b", 2)
	v, ok := m.Load("a")
	fmt.Println(v, ok)
	v, ok = m.Load("zz")
	fmt.Println(v, ok)

	actual, loaded := m.LoadOrStore("a", 100)
	fmt.Println(actual, loaded)
	actual, loaded = m.LoadOrStore("c", 3)
	fmt.Println(actual, loaded)

	v, loaded = m.LoadAndDelete("b")
	fmt.Println(v, loaded)
	v, loaded = m.LoadAndDelete("b")
	fmt.Println(v, loaded)

	m.Delete("nope")
	sum, count := 0, 0
	m.Range(func(k, v any) bool {
		sum += v.(int)
		count++
		return true
	})
	fmt.Println("count", count, "sum", sum)

	visited := 0
	m.Range(func(k, v any) bool {
		visited++
		return false
	})
	fmt.Println("stopped after", visited)

	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			m.Store(i, i*i)
		}(i)
	}
	wg.Wait()
	v, _ = m.Load(7)
	fmt.Println("7 ->", v)
}
