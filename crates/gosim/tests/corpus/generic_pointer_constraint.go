package main

import (
	"fmt"
	"sort"
	"strconv"
)

type Setter[T any] interface {
	*T
	Set(string) error
}

type IntBox struct{ v int }

func (b *IntBox) Set(s string) error {
	n, err := strconv.Atoi(s)
	b.v = n
	return err
}

type StrBox struct{ s string }

func (b *StrBox) Set(s string) error { b.s = s; return nil }

func ParseAll[T any, PT Setter[T]](inputs []string) ([]T, error) {
	out := make([]T, len(inputs))
	for i, in := range inputs {
		if err := PT(&out[i]).Set(in); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func Fib[T ~int | ~int64](n T) T {
	if n < 2 {
		return n
	}
	return Fib(n-1) + Fib(n-2)
}

func Even[T ~int](n T) bool {
	if n == 0 {
		return true
	}
	return Odd(n - 1)
}

func Odd[T ~int](n T) bool {
	if n == 0 {
		return false
	}
	return Even(n - 1)
}

func Counter[T comparable]() (func(T), func() map[T]int) {
	m := map[T]int{}
	return func(v T) { m[v]++ }, func() map[T]int { return m }
}

type Entry[K comparable, V any] struct {
	K K
	V V
}

func SortedEntries[K interface{ ~string | ~int }, V any](m map[K]V) []Entry[K, V] {
	es := make([]Entry[K, V], 0, len(m))
	for k, v := range m {
		es = append(es, Entry[K, V]{k, v})
	}
	sort.Slice(es, func(i, j int) bool { return es[i].K < es[j].K })
	return es
}

type Num int

func main() {
	ints, err := ParseAll[IntBox]([]string{"1", "22", "333"})
	fmt.Println(ints, err)
	_, err = ParseAll[IntBox]([]string{"x"})
	fmt.Println(err)
	strs, _ := ParseAll[StrBox]([]string{"a", "b"})
	fmt.Printf("%+v\n", strs)
	fmt.Println(Fib(10), Fib(int64(20)), Fib(Num(7)))
	fmt.Println(Even(10), Odd(7), Even(Num(3)))
	add, get := Counter[string]()
	add("x")
	add("y")
	add("x")
	fmt.Println(SortedEntries(get()))
	fmt.Println(SortedEntries(map[int][]string{3: {"c"}, 1: {"a"}}))
}
