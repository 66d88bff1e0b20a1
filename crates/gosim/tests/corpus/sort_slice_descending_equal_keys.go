package main

// A strictly descending run of keys makes pdqsort reverse the range (its
// pivot samples all needed swaps) before partitioning; equal keys then
// show that reversal in the output. Sizes 13, 50, 200 and 1000.

import (
	"fmt"
	"sort"
)

type kv struct {
	k int
	v string
}

func main() {
	for _, n := range []int{13, 50, 200, 1000} {
		xs := make([]kv, n)
		for i := range xs {
			xs[i] = kv{(n - i) / 3, fmt.Sprint(i)}
		}
		sort.Slice(xs, func(i, j int) bool { return xs[i].k < xs[j].k })
		var b []string
		for i := 0; i < len(xs) && i < 24; i++ {
			b = append(b, xs[i].v)
		}
		fmt.Println(n, b)
		h := 0
		for _, x := range xs {
			for _, c := range x.v {
				h = (h*131 + int(c)) % 998244353
			}
		}
		fmt.Println(n, "hash", h)
	}
}
