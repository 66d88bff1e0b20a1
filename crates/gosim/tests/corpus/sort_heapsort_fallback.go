package main

// Inputs that make pdqsort pick bad pivots again and again, until it falls
// back to heapsort; sort.Reverse on top; and SliceStable and Stable beside
// them keeping equal elements in input order.

import (
	"fmt"
	"sort"
)

type el struct {
	key, id int
}

type els []el

func (e els) Len() int           { return len(e) }
func (e els) Less(i, j int) bool { return e[i].key < e[j].key }
func (e els) Swap(i, j int)      { e[i], e[j] = e[j], e[i] }

func idsOf(xs []el) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = x.id
	}
	return out
}

func main() {
	// Keys arranged so each median of samples is near an end.
	n := 128
	xs := make([]el, n)
	for i := range xs {
		k := i
		if i%2 == 1 {
			k = n - i
		}
		xs[i] = el{k / 5, i}
	}
	ys := append([]el(nil), xs...)
	zs := append([]el(nil), xs...)
	ws := append([]el(nil), xs...)
	sort.Slice(xs, func(i, j int) bool { return xs[i].key < xs[j].key })
	fmt.Println("slice ", idsOf(xs))
	sort.Sort(sort.Reverse(els(ys)))
	fmt.Println("rev   ", idsOf(ys))
	sort.SliceStable(zs, func(i, j int) bool { return zs[i].key < zs[j].key })
	fmt.Println("stable", idsOf(zs))
	sort.Stable(els(ws))
	fmt.Println("Stable", idsOf(ws))

	// Many bad pivots: a pipe of equal-key pairs.
	m := 300
	ps := make([]el, m)
	for i := range ps {
		ps[i] = el{(i * i) % 17, i}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].key < ps[j].key })
	fmt.Println("squares", idsOf(ps)[:40], idsOf(ps)[260:])
}
