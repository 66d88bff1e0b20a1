package main

import (
	"fmt"
	"iter"
	"strings"
)

func Count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func Enumerate[T any](xs []T) iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i, x := range xs {
			if !yield(i, x) {
				return
			}
		}
	}
}

func Filter[T any](seq iter.Seq[T], keep func(T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := range seq {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

func Collect[T any](seq iter.Seq[T]) []T {
	var out []T
	for v := range seq {
		out = append(out, v)
	}
	return out
}

// Fib yields Fibonacci numbers forever.
func Fib(yield func(int) bool) {
	a, b := 0, 1
	for yield(a) {
		a, b = b, a+b
	}
}

type List[T any] struct {
	items []T
}

func (l *List[T]) All() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i, v := range l.items {
			if !yield(i, v) {
				break
			}
		}
	}
}

func firstLong(words []string) (string, int) {
	for i, w := range Enumerate(words) {
		if len(w) > 4 {
			return strings.ToUpper(w), i
		}
	}
	return "", -1
}

func Times(yield func() bool) {
	for i := 0; i < 3; i++ {
		if !yield() {
			return
		}
	}
}

func main() {
	for i := range Count(3) {
		fmt.Print(i, " ")
	}
	fmt.Println()
	for i, s := range Enumerate([]string{"a", "b", "c"}) {
		if i == 1 {
			continue
		}
		fmt.Println(i, s)
	}
	evens := Filter(Count(10), func(n int) bool { return n%2 == 0 })
	fmt.Println(Collect(evens))
	for f := range Fib {
		if f > 50 {
			break
		}
		fmt.Print(f, ",")
	}
	fmt.Println()
	l := &List[string]{items: []string{"x", "y", "z"}}
	for i, v := range l.All() {
		fmt.Printf("%d=%s ", i, v)
		if v == "y" {
			break
		}
	}
	fmt.Println()
	fmt.Println(firstLong([]string{"go", "rust", "python", "zig"}))
	fmt.Println(firstLong([]string{"a"}))
	n := 0
	for range Times {
		n++
	}
	fmt.Println("times", n)
	sum := 0
outer:
	for i := range Count(4) {
		for j := range Count(4) {
			if j > i {
				continue outer
			}
			if i == 3 {
				break outer
			}
			sum += i * j
		}
	}
	fmt.Println("sum", sum)
	var total int
	for _, v := range Enumerate([]int{5, 6, 7}) {
		defer func() { total += v; fmt.Println("deferred", v, total) }()
	}
	fmt.Println("end of main", total)
}
