// Hundreds of megabytes of garbage made while live data sits in every kind of
// place a collector must find it: globals, pointers between heap cells, map
// keys and values, a buffered channel, a parked sender, closures, interfaces,
// method values, a sync.Map, deferred arguments and a timer's function. Each
// is checked after the garbage, so a collector that frees live data (or
// reuses its memory) prints a different line.
package main

import (
	"fmt"
	"sync"
	"time"
)

type node struct {
	val  int
	next *node
	data []int
}

func (n *node) sum() int {
	s := n.val
	for _, d := range n.data {
		s += d
	}
	return s
}

type shape interface{ area() int }

type rect struct{ w, h int }

func (r rect) area() int { return r.w * r.h }

var head *node

func garbage(round int) int {
	g := make([]int, 50000)
	g[round%50000] = round
	small := make([]*node, 0, 8)
	for i := 0; i < 200; i++ {
		small = append(small, &node{val: i, data: []int{i, round}})
	}
	return g[round%50000] + len(small)
}

func fill(n int, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v + i
	}
	return s
}

func check(name string, got, want int) {
	if got != want {
		fmt.Println(name, "got", got, "want", want)
	}
}

func main() {
	byID := map[int]*node{}
	byPtr := map[*node]int{}
	buffered := make(chan []int, 4)
	unbuffered := make(chan []int)
	var sm sync.Map
	var shapes []shape
	var sums []func() int
	done := make(chan int)

	go func() {
		unbuffered <- fill(1000, 7)
	}()
	time.AfterFunc(time.Millisecond, func(keep []int) func() {
		return func() { done <- keep[999] }
	}(fill(1000, 3)))

	total := 0
	for round := 0; round < 300; round++ {
		total += garbage(round)
		if round%30 == 0 {
			n := &node{val: round, next: head, data: fill(100, round)}
			head = n
			byID[round] = n
			byPtr[n] = round
			sm.Store(round, &node{val: -round, data: fill(10, round)})
			shapes = append(shapes, rect{round, 2})
			sums = append(sums, n.sum)
			captured := fill(10, round)
			sums = append(sums, func() int { return captured[9] })
			if len(buffered) < cap(buffered) {
				buffered <- fill(50, round)
			}
		}
	}
	fmt.Println("garbage", total)

	defer func(last []int) {
		fmt.Println("deferred", last[0], last[499])
	}(fill(500, 11))

	count, listSum := 0, 0
	for n := head; n != nil; n = n.next {
		count++
		listSum += n.sum()
		check("byPtr", byPtr[n], n.val)
		check("byID", byID[n.val].sum(), n.sum())
	}
	fmt.Println("list", count, listSum)

	smSum := 0
	sm.Range(func(k, v any) bool {
		n := v.(*node)
		smSum += k.(int) + n.sum()
		return true
	})
	fmt.Println("sync.Map", smSum)

	areas := 0
	for _, s := range shapes {
		areas += s.area()
	}
	fnSum := 0
	for _, f := range sums {
		fnSum += f()
	}
	fmt.Println("interfaces", areas, "funcs", fnSum)

	chSum := 0
	for len(buffered) > 0 {
		s := <-buffered
		chSum += s[0] + s[49]
	}
	fmt.Println("buffered", chSum)
	parked := <-unbuffered
	fmt.Println("parked sender", parked[0], parked[999])
	fmt.Println("timer", <-done)
}
