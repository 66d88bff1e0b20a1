package main

import (
	"fmt"
	"slices"
)

type Queue[T any] struct {
	items []T
}

func (q *Queue[T]) Push(v ...T) { q.items = append(q.items, v...) }

func (q *Queue[T]) Pop() (T, bool) {
	var zero T
	if len(q.items) == 0 {
		return zero, false
	}
	v := q.items[0]
	q.items = slices.Delete(q.items, 0, 1)
	return v, true
}

func (q *Queue[T]) Len() int { return len(q.items) }

type PriorityQueue[T any] struct {
	items []T
	cmp   func(a, b T) int
}

func (pq *PriorityQueue[T]) Push(v T) {
	i, _ := slices.BinarySearchFunc(pq.items, v, pq.cmp)
	pq.items = slices.Insert(pq.items, i, v)
}

func (pq *PriorityQueue[T]) Pop() T {
	v := pq.items[0]
	pq.items = pq.items[1:]
	return v
}

type task struct {
	name string
	prio int
}

func main() {
	var q Queue[string]
	q.Push("a", "b", "c")
	for q.Len() > 0 {
		v, _ := q.Pop()
		fmt.Print(v, " ")
	}
	_, ok := q.Pop()
	fmt.Println(ok)
	pq := &PriorityQueue[task]{cmp: func(a, b task) int { return b.prio - a.prio }}
	for _, t := range []task{{"low", 1}, {"high", 9}, {"mid", 5}, {"urgent", 10}} {
		pq.Push(t)
	}
	for len(pq.items) > 0 {
		fmt.Println(pq.Pop())
	}
}
