package main

import "fmt"

type List[T any] struct{ items []T }

func (l *List[T]) Push(v T) { l.items = append(l.items, v) }

func Map[T, U any](xs []T, f func(T) U) []U { return nil }

func Pair[T any](a, b T) {}

func Zero[T any]() T { var z T; return z }

func main() {
	f := Map
	Pair(1, "a")
	Pair(1, 2.5)
	var x int = 1
	Pair(x, "s")
	Zero()
	var l List
	var m List[int, string]
	_ = Map([]int{1}, func(s string) int { return 0 })
	fmt.Println(f, l, m)
}
