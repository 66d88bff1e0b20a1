package main

import (
	"fmt"
	"strings"
)

type Signed interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64
}

type Unsigned interface {
	~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

type Integer interface {
	Signed | Unsigned
}

type Float interface {
	~float32 | ~float64
}

type Number interface {
	Integer | Float
}

type Ordered interface {
	Integer | Float | ~string
}

type Celsius float64
type Meters int

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

func Sum[T Number](xs ...T) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}

func Max[T Ordered](first T, rest ...T) T {
	m := first
	for _, x := range rest {
		if x > m {
			m = x
		}
	}
	return m
}

func Average[T Number](xs []T) float64 {
	if len(xs) == 0 {
		return 0
	}
	return float64(Sum(xs...)) / float64(len(xs))
}

func Abs[T Signed | Float](x T) T {
	if x < 0 {
		return -x
	}
	return x
}

type Stringer interface {
	String() string
}

// Join works on any type with a String method.
func Join[T Stringer](xs []T, sep string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = x.String()
	}
	return strings.Join(parts, sep)
}

// StringableNumber needs both a method and a type term.
type StringableNumber interface {
	~float64
	String() string
}

func Describe[T StringableNumber](x T) string {
	return x.String() + " (" + fmt.Sprint(float64(x)*2) + " doubled)"
}

func Count[T comparable](xs []T, x T) int {
	n := 0
	for _, v := range xs {
		if v == x {
			n++
		}
	}
	return n
}

type Point struct{ X, Y int }

func Clamp[T ~int | ~float64](x, lo, hi T) T {
	return min(max(x, lo), hi)
}

func Convert[From, To Number](xs []From) []To {
	out := make([]To, len(xs))
	for i, x := range xs {
		out[i] = To(x)
	}
	return out
}

func main() {
	fmt.Println(Sum(1, 2, 3), Sum(1.5, 2.25), Sum[uint8](200, 100))
	fmt.Println(Sum[Celsius](20, 1.5), Sum(Meters(3), Meters(4)))
	fmt.Println(Max(3, 9, 2), Max("pear", "apple", "zoo"), Max(2.5))
	fmt.Println(Average([]int{1, 2, 4}), Average([]Celsius{10, 20}))
	fmt.Println(Abs(-3), Abs(2.5), Abs(int8(-128)), Abs(Celsius(-4)))
	temps := []Celsius{21.5, -3, 37}
	fmt.Println(Join(temps, ", "))
	fmt.Println(Describe(Celsius(18)))
	fmt.Println(Count([]string{"a", "b", "a"}, "a"), Count([]Point{{1, 2}, {1, 2}, {2, 1}}, Point{1, 2}))
	fmt.Println(Count([][2]int{{1, 2}, {3, 4}}, [2]int{3, 4}))
	fmt.Println(Clamp(15, 0, 10), Clamp(-2.5, -1, 1), Clamp(Meters(5), 1, 9))
	fmt.Println(Convert[int, float64]([]int{1, 2}), Convert[float64, int8]([]float64{1.9, -2.9, 300}))
	fmt.Printf("%T %T\n", Sum[Celsius](1), Convert[Meters, Celsius](nil))
}
