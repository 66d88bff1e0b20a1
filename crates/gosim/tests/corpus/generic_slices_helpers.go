package main

import (
	"cmp"
	"fmt"
	"iter"
	"strings"
)

func Index[S ~[]E, E comparable](s S, v E) int {
	for i := range s {
		if v == s[i] {
			return i
		}
	}
	return -1
}

func Contains[S ~[]E, E comparable](s S, v E) bool { return Index(s, v) >= 0 }

func Insert[S ~[]E, E any](s S, i int, v ...E) S {
	_ = s[i:]
	tail := append(S(nil), s[i:]...)
	s = append(s[:i], v...)
	return append(s, tail...)
}

func Clone[S ~[]E, E any](s S) S {
	if s == nil {
		return nil
	}
	return append(S([]E{}), s...)
}

func Equal[S ~[]E, E comparable](s1, s2 S) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if s1[i] != s2[i] {
			return false
		}
	}
	return true
}

func SortFunc[S ~[]E, E any](x S, cmp func(a, b E) int) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && cmp(x[j], x[j-1]) < 0; j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}

func Sort[S ~[]E, E cmp.Ordered](x S) {
	SortFunc(x, cmp.Compare[E])
}

func Max[S ~[]E, E cmp.Ordered](x S) E {
	if len(x) < 1 {
		panic("slices.Max: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		m = max(m, x[i])
	}
	return m
}

func Keys[Map ~map[K]V, K comparable, V any](m Map) iter.Seq[K] {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func All[Slice ~[]E, E any](s Slice) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

func Collect[E any](seq iter.Seq[E]) []E {
	var s []E
	for v := range seq {
		s = append(s, v)
	}
	return s
}

func Sorted[E cmp.Ordered](seq iter.Seq[E]) []E {
	s := Collect(seq)
	Sort(s)
	return s
}

type Names []string

func main() {
	n := Names{"bob", "alice", "carol"}
	fmt.Println(Index(n, "alice"), Contains(n, "dave"))
	n2 := Insert(n, 1, "zed", "yan")
	fmt.Printf("%v %T\n", n2, n2)
	c := Clone(n)
	c[0] = "BOB"
	fmt.Println(n[0], c[0], Equal(n, c), Equal(n, Clone(n)))
	Sort(n)
	fmt.Println(n, Max([]float64{1, 7.5, 3}))
	SortFunc(n, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
	fmt.Println(n)
	m := map[string]int{"x": 1, "y": 2, "w": 3}
	fmt.Println(Sorted(Keys(m)))
	for i, v := range All([]string{"p", "q"}) {
		fmt.Print(i, strings.ToUpper(v), " ")
	}
	fmt.Println()
	var nilNames Names
	fmt.Println(Clone(nilNames) == nil)
}
