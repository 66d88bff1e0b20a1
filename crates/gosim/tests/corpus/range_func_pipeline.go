package main

import (
	"fmt"
	"iter"
	"sort"
	"strings"
)

func Map[T, U any](seq iter.Seq[T], f func(T) U) iter.Seq[U] {
	return func(yield func(U) bool) {
		for v := range seq {
			if !yield(f(v)) {
				return
			}
		}
	}
}

func Take[T any](seq iter.Seq[T], n int) iter.Seq[T] {
	return func(yield func(T) bool) {
		if n <= 0 {
			return
		}
		i := 0
		for v := range seq {
			if !yield(v) {
				return
			}
			i++
			if i == n {
				return
			}
		}
	}
}

func Naturals() iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 1; ; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func Zip[A, B any](as iter.Seq[A], bs []B) iter.Seq2[A, B] {
	return func(yield func(A, B) bool) {
		i := 0
		for a := range as {
			if i >= len(bs) || !yield(a, bs[i]) {
				return
			}
			i++
		}
	}
}

// SortedKeys walks a map in key order.
func SortedKeys[V any](m map[string]V) iter.Seq2[string, V] {
	return func(yield func(string, V) bool) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}

// FromChan turns a channel into an iterator.
func FromChan[T any](ch <-chan T) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range ch {
			if !yield(v) {
				return
			}
		}
	}
}

type Inventory struct{ items map[string]int }

func (inv *Inventory) All() iter.Seq2[string, int] { return SortedKeys(inv.items) }

func Sum[T int | float64](seq iter.Seq[T]) (total T) {
	for v := range seq {
		total += v
	}
	return
}

func main() {
	squares := Map(Take(Naturals(), 5), func(n int) int { return n * n })
	for s := range squares {
		fmt.Print(s, " ")
	}
	fmt.Println("sum:", Sum(squares))
	for n, w := range Zip(Naturals(), strings.Fields("one two three")) {
		fmt.Printf("%d:%s ", n, w)
	}
	fmt.Println()
	inv := &Inventory{map[string]int{"pear": 3, "apple": 5, "fig": 0}}
	for name, qty := range inv.All() {
		if qty == 0 {
			fmt.Println(name, "is out of stock")
			continue
		}
		fmt.Println(name, qty)
	}
	ch := make(chan float64)
	go func() {
		defer close(ch)
		for _, f := range []float64{0.5, 1.25, 2} {
			ch <- f
		}
	}()
	fmt.Println("from channel:", Sum(FromChan(ch)))
	words := Map(Take(Naturals(), 3), func(n int) string { return strings.Repeat("*", n) })
	var parts []string
	for w := range words {
		parts = append(parts, w)
	}
	fmt.Println(strings.Join(parts, "|"))
}
