package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

func groupBy[T any, K comparable](xs []T, key func(T) K) map[K][]T {
	out := make(map[K][]T)
	for _, x := range xs {
		k := key(x)
		out[k] = append(out[k], x)
	}
	return out
}

func main() {
	words := strings.Fields("apple avocado banana blueberry cherry cranberry date apricot")
	groups := groupBy(words, func(w string) byte { return w[0] })
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		fmt.Printf("%c: %v\n", k, groups[k])
	}
	byLen := groupBy(words, func(w string) int { return len(w) })
	lens := slices.Collect(maps.Keys(byLen))
	slices.Sort(lens)
	slices.Reverse(lens)
	fmt.Println(lens)
	inverted := map[string]byte{}
	for k, v := range maps.All(groups) {
		for _, w := range v {
			inverted[w] = k
		}
	}
	fmt.Println(len(inverted), string(inverted["date"]))
}
