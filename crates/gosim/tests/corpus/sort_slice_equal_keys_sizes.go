package main

// sort.Slice is not stable: Go's pdqsort leaves elements with equal keys in
// an order that depends on the algorithm's exact steps. Sizes straddle the
// insertion-sort cutoff (12), the ninther cutoff (50) and the heapsort
// fallback's depth budget.

import (
	"fmt"
	"sort"
)

type item struct {
	key, id int
}

func build(n, keys int, seed uint32) []item {
	xs := make([]item, n)
	for i := range xs {
		seed = seed*1664525 + 1013904223
		xs[i] = item{int(seed>>16) % keys, i}
	}
	return xs
}

func ids(xs []item) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = x.id
	}
	return out
}

func main() {
	for _, n := range []int{12, 13, 20, 50, 51, 200} {
		for _, keys := range []int{2, 3, 7} {
			xs := build(n, keys, uint32(n*31+keys))
			sort.Slice(xs, func(i, j int) bool { return xs[i].key < xs[j].key })
			fmt.Println(n, keys, ids(xs))
		}
	}
}
