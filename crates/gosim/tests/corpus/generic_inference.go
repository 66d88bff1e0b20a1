package main

import "fmt"

type Numeric interface{ ~int | ~int64 | ~float64 }

func Scale[S ~[]E, E Numeric](s S, k E) S {
	out := make(S, len(s))
	for i, v := range s {
		out[i] = v * k
	}
	return out
}

type Vector []float64

func (v Vector) Norm1() float64 {
	t := 0.0
	for _, x := range v {
		if x < 0 {
			x = -x
		}
		t += x
	}
	return t
}

func First[T any](xs ...T) T { return xs[0] }

func Pair[A, B any](a A, b B) string { return fmt.Sprintf("%T/%T", a, b) }

func Apply[T, R any](x T, fs ...func(T) R) []R {
	var out []R
	for _, f := range fs {
		out = append(out, f(x))
	}
	return out
}

func Ptr[T any](v T) *T { return &v }

func Zero[T any]() T {
	var z T
	return z
}

func MapKeys[M ~map[K]V, K comparable, V any](m M) int { return len(m) }

type Scores map[string]int

func Swap[T any](a, b *T) { *a, *b = *b, *a }

func Double[T Numeric](x T) T { return x + x }

func Compose[A, B, C any](f func(A) B, g func(B) C) func(A) C {
	return func(a A) C { return g(f(a)) }
}

func main() {
	v := Vector{1, -2, 3}
	w := Scale(v, 2)
	fmt.Printf("%T %v %v\n", w, w, w.Norm1())
	fmt.Println(Scale([]int{1, 2}, 10))
	// Untyped constants take the default type of the largest kind.
	fmt.Printf("%T %T %T %T\n", First(1, 2), First(1, 2.5), First('a', 1), First("s"))
	fmt.Println(First(1, 2.5), First('a', 2))
	var i64 int64 = 7
	fmt.Printf("%T\n", First(i64, 3))
	fmt.Println(Pair(1, "x"), Pair(2.0, []int{}), Pair[int8](3, 'r'))
	fmt.Println(Apply(3, func(x int) string { return fmt.Sprint(x) }, func(x int) string { return fmt.Sprint(x * x) }))
	p := Ptr(42)
	*p++
	fmt.Println(*p, *Ptr("str"), Zero[int](), Zero[string]() == "", Zero[*int]() == nil)
	fmt.Println(MapKeys(Scores{"a": 1, "b": 2}), MapKeys(map[int]bool{}))
	a, b := "left", "right"
	Swap(&a, &b)
	fmt.Println(a, b)
	fmt.Println(Double(21), Double(1.25), Double[int64](4))
	f := Compose(Double[int], func(n int) string { return fmt.Sprint("n=", n) })
	fmt.Println(f(5))
	g := Compose(func(s string) int { return len(s) }, Double[int])
	fmt.Println(g("four"))
	var dbl func(float64) float64 = Double
	fmt.Println(dbl(0.5))
}
