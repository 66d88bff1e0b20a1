package main

// sort.Sort on adversarial inputs: ascending, descending, organ pipe,
// sawtooth, ascending with a few elements out of place (the partial
// insertion sort path) and all equal. The key is coarse, so the printed
// ids show where pdqsort moved equal elements.

import (
	"fmt"
	"sort"
)

type pair struct {
	key, id int
}

type byKey []pair

func (p byKey) Len() int           { return len(p) }
func (p byKey) Less(i, j int) bool { return p[i].key < p[j].key }
func (p byKey) Swap(i, j int)      { p[i], p[j] = p[j], p[i] }

func show(name string, keys []int) {
	ps := make(byKey, len(keys))
	for i, k := range keys {
		ps[i] = pair{k, i}
	}
	sort.Sort(ps)
	out := make([]int, len(ps))
	for i, p := range ps {
		out[i] = p.id
	}
	fmt.Println(name, out)
}

func main() {
	const n = 60
	asc, desc, pipe, saw, nearly, same := make([]int, n), make([]int, n), make([]int, n), make([]int, n), make([]int, n), make([]int, n)
	for i := 0; i < n; i++ {
		asc[i] = i / 4
		desc[i] = (n - i) / 4
		pipe[i] = min(i, n-i) / 3
		saw[i] = i % 7
		nearly[i] = i / 2
		same[i] = 5
	}
	nearly[10], nearly[40] = nearly[40], nearly[10]
	nearly[3], nearly[55] = nearly[55], nearly[3]
	show("asc", asc)
	show("desc", desc)
	show("pipe", pipe)
	show("saw", saw)
	show("nearly", nearly)
	show("same", same)
	show("rev", sortedReverse(n))
}

func sortedReverse(n int) []int {
	keys := make([]int, n)
	for i := range keys {
		keys[i] = (n - 1 - i) / 10
	}
	return keys
}
