package main

import (
	"fmt"
	"maps"
	"slices"
)

func main() {
	s := []string{"c", "a", "b"}
	for i, v := range slices.All(s) {
		fmt.Println(i, v)
	}
	for i, v := range slices.Backward(s) {
		fmt.Println(i, v)
	}
	for v := range slices.Values(s) {
		fmt.Print(v, " ")
	}
	fmt.Println()
	fmt.Println(slices.Collect(slices.Values(s)))
	fmt.Println(slices.Sorted(slices.Values(s)))
	fmt.Println(slices.AppendSeq([]string{"x"}, slices.Values(s)))

	m := map[string]int{"one": 1, "two": 2, "three": 3, "four": 4}
	keys := slices.Sorted(maps.Keys(m))
	fmt.Println(keys)
	vals := slices.Sorted(maps.Values(m))
	fmt.Println(vals)
	for _, k := range keys {
		fmt.Println(k, m[k])
	}
	for c := range slices.Chunk([]int{1, 2, 3, 4, 5}, 2) {
		fmt.Println(c, len(c), cap(c))
	}
	m2 := maps.Collect(maps.All(m))
	fmt.Println(len(m2), maps.Equal(m, m2))
	fmt.Println(m2)
}
