package main

import (
	"errors"
	"fmt"
	"strings"
)

// Stack is a LIFO stack of any element type.
type Stack[T any] struct {
	items []T
}

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) Pop() (T, error) {
	var zero T
	if len(s.items) == 0 {
		return zero, errors.New("empty stack")
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, nil
}

func (s Stack[T]) Len() int { return len(s.items) }

// Queue is a FIFO queue backed by a linked list.
type node[T any] struct {
	val  T
	next *node[T]
}

type Queue[T any] struct {
	head, tail *node[T]
	n          int
}

func (q *Queue[T]) Enqueue(v T) {
	n := &node[T]{val: v}
	if q.tail == nil {
		q.head = n
	} else {
		q.tail.next = n
	}
	q.tail = n
	q.n++
}

func (q *Queue[T]) Dequeue() (T, bool) {
	if q.head == nil {
		var zero T
		return zero, false
	}
	v := q.head.val
	q.head = q.head.next
	if q.head == nil {
		q.tail = nil
	}
	q.n--
	return v, true
}

func (q *Queue[T]) Each(f func(T)) {
	for n := q.head; n != nil; n = n.next {
		f(n.val)
	}
}

// Set is a set of comparable values.
type Set[T comparable] map[T]struct{}

func NewSet[T comparable](vs ...T) Set[T] {
	s := Set[T]{}
	for _, v := range vs {
		s.Add(v)
	}
	return s
}

func (s Set[T]) Add(v T)           { s[v] = struct{}{} }
func (s Set[T]) Has(v T) bool      { _, ok := s[v]; return ok }
func (s Set[T]) Len() int          { return len(s) }
func (s Set[T]) Union(o Set[T]) Set[T] {
	r := NewSet[T]()
	for v := range s {
		r.Add(v)
	}
	for v := range o {
		r.Add(v)
	}
	return r
}

type Ordered interface {
	~int | ~int64 | ~float64 | ~string
}

// Tree is a binary search tree.
type Tree[K Ordered, V any] struct {
	root *treeNode[K, V]
	size int
}

type treeNode[K Ordered, V any] struct {
	key         K
	val         V
	left, right *treeNode[K, V]
}

func (t *Tree[K, V]) Put(k K, v V) {
	p := &t.root
	for *p != nil {
		switch {
		case k < (*p).key:
			p = &(*p).left
		case k > (*p).key:
			p = &(*p).right
		default:
			(*p).val = v
			return
		}
	}
	*p = &treeNode[K, V]{key: k, val: v}
	t.size++
}

func (t *Tree[K, V]) Get(k K) (V, bool) {
	n := t.root
	for n != nil {
		if k < n.key {
			n = n.left
		} else if k > n.key {
			n = n.right
		} else {
			return n.val, true
		}
	}
	var zero V
	return zero, false
}

func (t *Tree[K, V]) Walk(f func(K, V)) {
	var walk func(*treeNode[K, V])
	walk = func(n *treeNode[K, V]) {
		if n == nil {
			return
		}
		walk(n.left)
		f(n.key, n.val)
		walk(n.right)
	}
	walk(t.root)
}

func main() {
	var s Stack[string]
	for _, w := range strings.Fields("to be or not") {
		s.Push(w)
	}
	fmt.Println("stack len", s.Len())
	for {
		v, err := s.Pop()
		if err != nil {
			fmt.Println("error:", err)
			break
		}
		fmt.Print(v, " ")
	}
	fmt.Println()

	var q Queue[float64]
	for i := 1; i <= 4; i++ {
		q.Enqueue(float64(i) / 2)
	}
	q.Each(func(f float64) { fmt.Printf("%.2f ", f) })
	fmt.Println()
	for q.n > 0 {
		v, _ := q.Dequeue()
		fmt.Print(v, ";")
	}
	_, ok := q.Dequeue()
	fmt.Println(" empty:", !ok)

	a := NewSet(1, 2, 3)
	b := NewSet(3, 4)
	u := a.Union(b)
	fmt.Println(u.Len(), u.Has(4), u.Has(5), len(u))
	fmt.Printf("%T %T\n", a, u)

	var t Tree[string, int]
	for i, w := range strings.Fields("pear apple fig apple kiwi") {
		t.Put(w, i)
	}
	t.Walk(func(k string, v int) { fmt.Printf("%s=%d ", k, v) })
	fmt.Println(t.size)
	v, ok := t.Get("fig")
	fmt.Println(v, ok)
	_, ok = t.Get("plum")
	fmt.Println(ok)
	fmt.Printf("%T %v\n", t, t.root.key)
}
