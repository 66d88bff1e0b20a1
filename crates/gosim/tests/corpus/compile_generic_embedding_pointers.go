package main

import "fmt"

type W[T any] struct {
	T
}

type Stringer interface{ String() string }

func Show[T Stringer](p *T) string { return p.String() }

func Twice[T any](f func(T) T, x T) T { return f(f(x)) }

func Keys[K comparable, V any](m map[K]V) []K { return nil }

func main() {
	fmt.Println(Twice(func(x int) int { return x + 1 }, "a"))
	var m map[[]int]string
	fmt.Println(Keys(m))
	var k []int = Keys(map[string]int{})
	_ = k
}
