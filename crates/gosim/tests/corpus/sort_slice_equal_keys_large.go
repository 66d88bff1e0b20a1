package main

// A thousand elements with few distinct keys: sort.Slice's order of equal
// elements is Go's pdqsort's, printed as a checksum of the id sequence
// and the first ids of each key.

import (
	"fmt"
	"sort"
)

type rec struct {
	key, id int
}

func main() {
	for _, keys := range []int{1, 2, 5, 40} {
		xs := make([]rec, 1000)
		seed := uint32(keys)
		for i := range xs {
			seed = seed*1103515245 + 12345
			xs[i] = rec{int(seed>>8) % keys, i}
		}
		sort.Slice(xs, func(i, j int) bool { return xs[i].key < xs[j].key })
		sum := 0
		for i, x := range xs {
			sum = (sum*31 + x.id*(i+1)) % 1000000007
		}
		fmt.Println("keys", keys, "checksum", sum)
		fmt.Println(" first:", xs[0].id, xs[1].id, xs[2].id, xs[3].id, xs[4].id)
		fmt.Println(" last:", xs[995].id, xs[996].id, xs[997].id, xs[998].id, xs[999].id)
		fmt.Println(" sorted:", sort.SliceIsSorted(xs, func(i, j int) bool { return xs[i].key < xs[j].key }))
	}
}
