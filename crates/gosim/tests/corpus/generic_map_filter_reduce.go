package main

import (
	"fmt"
	"strconv"
	"strings"
)

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func Keys[K comparable, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

func Contains[T comparable](xs []T, x T) bool {
	return IndexOf(xs, x) >= 0
}

func IndexOf[T comparable](xs []T, x T) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

type Lesser[T any] func(a, b T) bool

func SortFunc[T any](xs []T, less Lesser[T]) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && less(xs[j], xs[j-1]); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

func GroupBy[T any, K comparable](xs []T, key func(T) K) map[K][]T {
	g := make(map[K][]T)
	for _, x := range xs {
		k := key(x)
		g[k] = append(g[k], x)
	}
	return g
}

type Person struct {
	Name string
	Age  int
}

func main() {
	nums := []int{5, 3, 8, 1, 9, 2}
	squares := Map(nums, func(n int) int { return n * n })
	fmt.Println(squares)
	strs := Map(nums, strconv.Itoa)
	fmt.Printf("%q %T\n", strs, strs)
	evens := Filter(nums, func(n int) bool { return n%2 == 0 })
	fmt.Println(evens, len(Filter(nums, func(int) bool { return false })))
	sum := Reduce(nums, 0, func(a, n int) int { return a + n })
	joined := Reduce(strs, "", func(a string, s string) string { return a + s })
	fmt.Println(sum, joined)
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	ks := Keys(m)
	SortFunc(ks, func(a, b string) bool { return a < b })
	fmt.Println(ks)
	fmt.Println(Contains(nums, 8), Contains(strs, "7"), IndexOf([]float64{1.5, 2.5}, 2.5))
	people := []Person{{"Ann", 31}, {"Bob", 25}, {"Cid", 31}, {"Dee", 19}}
	SortFunc(people, func(a, b Person) bool { return a.Age < b.Age })
	fmt.Println(people)
	byAge := GroupBy(people, func(p Person) int { return p.Age / 10 * 10 })
	for _, decade := range []int{10, 20, 30} {
		names := Map(byAge[decade], func(p Person) string { return p.Name })
		fmt.Printf("%ds: %s\n", decade, strings.Join(names, ","))
	}
	words := strings.Fields("the quick brown fox jumps over the lazy dog")
	long := Filter(words, func(w string) bool { return len(w) > 3 })
	lengths := Map(long, func(w string) int { return len(w) })
	total := Reduce(lengths, 0.0, func(a float64, n int) float64 { return a + float64(n) })
	fmt.Println(long, lengths, total/float64(len(lengths)))
}
