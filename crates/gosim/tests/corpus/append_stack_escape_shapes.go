package main

import (
	"fmt"
	"sync"
)

var global []int

type box struct{ items []int }

func main() {
	var g []int
	g = append(g, 1)
	global = g
	fmt.Println("global", cap(g))

	var m []int
	m = append(m, 1)
	byKey := map[string][]int{"k": m}
	fmt.Println("map", cap(m), len(byKey))

	var c []int
	c = append(c, 1)
	ch := make(chan []int, 1)
	ch <- c
	fmt.Println("chan", cap(c), len(<-ch))

	var a []int
	a = append(a, 1)
	p := &a
	fmt.Println("addr", cap(a), len(*p))

	var q []int
	q = append(q, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		fmt.Println("goroutine sees", len(q))
	}()
	wg.Wait()
	fmt.Println("go", cap(q))

	var f []int
	f = append(f, 1)
	b := &box{items: f}
	fmt.Println("field", cap(f), b.items)

	var local []int
	local = append(local, 1)
	fmt.Println("local", cap(local))
}
