package main

import "fmt"

type Stringer interface{ String() string }

type Num interface{ ~int | ~float64 }

func Show[T Stringer](x T) string { return x.String() }

func Add[T Num](a, b T) T { return a + b }

type Box[T any] struct{ v T }

func (b *Box[T]) Set(v T) { b.v = v }

type Tree[T interface{ Less(T) bool }] struct{ root T }

func main() {
	fmt.Println(Show(42))
	fmt.Println(Add(1, "2"))
	fmt.Println(Add[int](1, 2, 3))
	var b Box[int]
	b.Set("x")
	b.Get()
	var t Tree[int]
	type Local[T any] struct{}
	x := Add(1.5, 2)
	var y int = x
	_, _ = t, y
}
