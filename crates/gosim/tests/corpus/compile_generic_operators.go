package main

import "fmt"

type Number interface {
	~int | ~float64
}

func Max[T int | float64](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func Eq[T any](a, b T) bool {
	return a == b
}

func Less[T any](a, b T) bool {
	return a < b
}

func Neg[T Number](a T) T { return -a }

func Conv[T Number](a T) int { return int(a) }

func Bad[T Number](a T) T { return a + 1.5 }

func Str[T fmt.Stringer](a T) string { return a.String() }

func Field[T any](a T) int { return a.x }

func Assert[T any](a T) int { return a.(int) }

func main() {
	fmt.Println(Max(1, 2.5))
	fmt.Println(Max[string]("a", "b"))
}
