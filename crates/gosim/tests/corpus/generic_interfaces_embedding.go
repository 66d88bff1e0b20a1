package main

import (
	"fmt"
	"strings"
)

type Container[T any] interface {
	Add(T)
	All() []T
	Len() int
}

type SliceBag[T any] struct{ items []T }

func (b *SliceBag[T]) Add(v T)  { b.items = append(b.items, v) }
func (b *SliceBag[T]) All() []T { return b.items }
func (b *SliceBag[T]) Len() int { return len(b.items) }

type UniqueBag[T comparable] struct {
	SliceBag[T]
	seen map[T]bool
}

func NewUnique[T comparable]() *UniqueBag[T] {
	return &UniqueBag[T]{seen: map[T]bool{}}
}

func (u *UniqueBag[T]) Add(v T) {
	if u.seen[v] {
		return
	}
	u.seen[v] = true
	u.SliceBag.Add(v)
}

func Fill[T any](c Container[T], vs ...T) Container[T] {
	for _, v := range vs {
		c.Add(v)
	}
	return c
}

type Stringish interface{ ~string }

func JoinAll[S Stringish](xs []S, sep S) S {
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteString(string(sep))
		}
		b.WriteString(string(x))
	}
	return S(b.String())
}

type Path string

type Event[T any] struct {
	Name    string
	Payload T
}

type Bus[T any] struct {
	handlers []func(Event[T])
}

func (b *Bus[T]) Subscribe(h func(Event[T])) { b.handlers = append(b.handlers, h) }
func (b *Bus[T]) Publish(name string, p T) {
	for _, h := range b.handlers {
		h(Event[T]{name, p})
	}
}

func main() {
	var c Container[int] = &SliceBag[int]{}
	Fill(c, 1, 2, 2, 3)
	fmt.Println(c.All(), c.Len())
	u := Fill[string](NewUnique[string](), "a", "b", "a")
	fmt.Println(u.All(), u.Len())
	fmt.Printf("%T %T\n", c, u)
	if ub, ok := u.(*UniqueBag[string]); ok {
		fmt.Println("unique bag with", len(ub.seen), "seen")
	}
	fmt.Println(JoinAll([]Path{"usr", "local", "bin"}, "/"))
	fmt.Printf("%T\n", JoinAll([]Path{"a"}, ""))
	var bus Bus[map[string]int]
	total := 0
	bus.Subscribe(func(e Event[map[string]int]) { total += e.Payload["n"] })
	bus.Subscribe(func(e Event[map[string]int]) { fmt.Println("got", e.Name, e.Payload) })
	bus.Publish("tick", map[string]int{"n": 3})
	bus.Publish("tock", map[string]int{"n": 4})
	fmt.Println(total)
}
