package main

import "fmt"

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Peek() T  { return s.items[len(s.items)-1] }

// IntStack is an alias: the same type as Stack[int].
type IntStack = Stack[int]

// Names is a defined type over an instance: it has no methods of its own.
type Names Stack[string]

type Matrix[T any] [][]T

func Identity[T ~int | ~float64](n int) Matrix[T] {
	m := make(Matrix[T], n)
	for i := range m {
		m[i] = make([]T, n)
		m[i][i] = 1
	}
	return m
}

func Group[K comparable, V any](keys []K, vals []V) map[K][]V {
	// A generic type declared inside a function (Go 1.27).
	type entry[X any] struct {
		key K
		val X
	}
	var es []entry[V]
	for i, k := range keys {
		es = append(es, entry[V]{k, vals[i]})
	}
	out := map[K][]V{}
	for _, e := range es {
		out[e.key] = append(out[e.key], e.val)
	}
	return out
}

func main() {
	var s IntStack
	s.Push(4)
	var t Stack[int] = s
	t.Push(5)
	fmt.Printf("%T %v %v\n", s, s.Peek(), t.Peek())
	n := Names{items: []string{"x"}}
	fmt.Printf("%T %v\n", n, n.items)
	fmt.Println(Identity[int](3), Identity[float64](2))
	fmt.Printf("%T\n", Identity[float64](1))
	g := Group([]string{"a", "b", "a"}, []int{1, 2, 3})
	fmt.Println(g["a"], g["b"], len(g))
	type pair[A, B any] struct {
		a A
		b B
	}
	p := pair[string, bool]{"ok", true}
	fmt.Printf("%+v %T\n", p, p)
}
