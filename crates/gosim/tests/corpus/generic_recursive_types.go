package main

import (
	"fmt"
	"strings"
)

// List is a persistent singly linked list.
type List[T any] struct {
	head T
	tail *List[T]
}

func Cons[T any](h T, t *List[T]) *List[T] { return &List[T]{h, t} }

func (l *List[T]) Len() int {
	if l == nil {
		return 0
	}
	return 1 + l.tail.Len()
}

func (l *List[T]) String() string {
	var parts []string
	for n := l; n != nil; n = n.tail {
		parts = append(parts, fmt.Sprint(n.head))
	}
	return "(" + strings.Join(parts, " ") + ")"
}

func Reverse[T any](l *List[T]) *List[T] {
	var r *List[T]
	for n := l; n != nil; n = n.tail {
		r = Cons(n.head, r)
	}
	return r
}

func FromSlice[T any](xs ...T) *List[T] {
	var l *List[T]
	for i := len(xs) - 1; i >= 0; i-- {
		l = Cons(xs[i], l)
	}
	return l
}

type Ordered interface {
	~int | ~float64 | ~string
}

// Tree is an immutable binary search tree.
type Tree[T Ordered] struct {
	Left, Right *Tree[T]
	Val         T
}

func (t *Tree[T]) Insert(v T) *Tree[T] {
	if t == nil {
		return &Tree[T]{Val: v}
	}
	switch {
	case v < t.Val:
		return &Tree[T]{t.Left.Insert(v), t.Right, t.Val}
	case v > t.Val:
		return &Tree[T]{t.Left, t.Right.Insert(v), t.Val}
	}
	return t
}

func (t *Tree[T]) InOrder(visit func(T)) {
	if t == nil {
		return
	}
	t.Left.InOrder(visit)
	visit(t.Val)
	t.Right.InOrder(visit)
}

func (t *Tree[T]) Height() int {
	if t == nil {
		return 0
	}
	return 1 + max(t.Left.Height(), t.Right.Height())
}

type Pair[A, B any] struct {
	First  A
	Second B
}

type Graph[K comparable] struct {
	edges map[K][]K
}

func NewGraph[K comparable](pairs ...Pair[K, K]) *Graph[K] {
	g := &Graph[K]{edges: map[K][]K{}}
	for _, p := range pairs {
		g.edges[p.First] = append(g.edges[p.First], p.Second)
	}
	return g
}

func (g *Graph[K]) Reachable(from K) []K {
	seen := map[K]bool{from: true}
	order := []K{from}
	queue := FromSlice(from)
	for queue != nil {
		cur := queue.head
		queue = queue.tail
		for _, n := range g.edges[cur] {
			if !seen[n] {
				seen[n] = true
				order = append(order, n)
				queue = Reverse(Cons(n, Reverse(queue)))
			}
		}
	}
	return order
}

func main() {
	l := FromSlice(1, 2, 3)
	fmt.Println(l, l.Len(), Reverse(l))
	var empty *List[string]
	fmt.Println(empty.Len(), Cons("x", empty))
	words := FromSlice("b", "a")
	fmt.Printf("%v %T\n", words, words)

	var t *Tree[string]
	for _, w := range strings.Fields("m c x a d z b") {
		t = t.Insert(w)
	}
	var out []string
	t.InOrder(func(s string) { out = append(out, s) })
	fmt.Println(out, t.Height())
	var nums *Tree[float64]
	for _, f := range []float64{2.5, 1, 3, 1} {
		nums = nums.Insert(f)
	}
	nums.InOrder(func(f float64) { fmt.Print(f, " ") })
	fmt.Println()

	nested := Pair[string, *List[Pair[int, []string]]]{
		"nested",
		FromSlice(Pair[int, []string]{1, []string{"a"}}, Pair[int, []string]{2, nil}),
	}
	fmt.Printf("%v %d\n", nested.First, nested.Second.Len())
	fmt.Printf("%T\n", nested)

	g := NewGraph(Pair[string, string]{"a", "b"}, Pair[string, string]{"b", "c"},
		Pair[string, string]{"a", "d"}, Pair[string, string]{"d", "c"})
	fmt.Println(g.Reachable("a"), g.Reachable("c"))
	ig := NewGraph(Pair[int, int]{1, 2}, Pair[int, int]{2, 1})
	fmt.Println(ig.Reachable(2))
}
