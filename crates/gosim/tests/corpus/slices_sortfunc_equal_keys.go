package main

// slices.SortFunc is Go's pdqsort too (not stable): elements that compare
// equal end in its order. slices.SortStableFunc keeps input order, and
// slices.Sort on floats puts NaNs first.

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

type person struct {
	name string
	age  int
}

func main() {
	names := strings.Fields("ann bob cid dan eve fay gus hal ivy jon kim lea max ned oli pam quy ray sam tia uma vic wes xia yan zoe")
	for _, n := range []int{12, 13, 26} {
		ps := make([]person, 0, n)
		for i := 0; i < n; i++ {
			ps = append(ps, person{names[i], 20 + (i*7)%4})
		}
		qs := slices.Clone(ps)
		slices.SortFunc(ps, func(a, b person) int { return cmp.Compare(a.age, b.age) })
		slices.SortStableFunc(qs, func(a, b person) int { return cmp.Compare(a.age, b.age) })
		fmt.Println(n, "unstable", ps)
		fmt.Println(n, "stable  ", qs)
	}

	big := make([]person, 500)
	for i := range big {
		big[i] = person{names[i%26], (i * 37) % 9}
	}
	slices.SortFunc(big, func(a, b person) int { return cmp.Compare(a.age, b.age) })
	fmt.Println(big[:15])
	fmt.Println(big[240:255])
	fmt.Println(big[485:])

	fs := []float64{3, math.NaN(), 1, math.Inf(-1), 2, math.NaN(), 0, math.Inf(1), -1, 5, 4, 7, 6, 9, 8}
	slices.Sort(fs)
	fmt.Println(fs)
	words := strings.Fields("pear fig apple kiwi plum lime date sloe yuzu nut pecan acai guava")
	slices.SortFunc(words, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
	fmt.Println(words)
}
