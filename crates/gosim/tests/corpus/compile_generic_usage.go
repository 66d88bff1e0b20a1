package main

import "fmt"

type List[T any] struct {
	items []T
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type Number interface {
	~int | ~float64
}

func Sum[T any](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Sum2[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Double[T int | float64](x T) T { return x * 2 }

func main() {
	var l List[int]
	var p Pair[string, int] = l
	fmt.Println(Sum2([]string{"a"}))
	fmt.Println(Sum2)
	var n Number
	_ = n
	var q Pair[[]int, int]
	_ = q
	var a any = Double
	var c func(string) string = Double
	_, _ = a, c
}
