package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Library functions that only read a slice (sort.Ints, slices.Contains,
// strings.Join, a string conversion) leave it on the stack; sort.Slice
// takes it as an interface, and it escapes.
func main() {
	var b []byte
	for _, c := range "hi" {
		b = append(b, byte(c))
	}
	fmt.Println(string(b), len(b), cap(b))

	var words []string
	for _, w := range strings.Fields("go is fun") {
		words = append(words, w)
		fmt.Println(len(words), cap(words))
	}
	fmt.Println(strings.Join(words, "+"))

	var n []int
	n = append(n, 3)
	n = append(n, 1)
	sort.Ints(n)
	fmt.Println(n[0], n[1], cap(n), slices.Contains(n, 3), slices.Index(n, 3))

	var m []int
	m = append(m, 2)
	sort.Slice(m, func(i, j int) bool { return m[i] < m[j] })
	fmt.Println(len(m), cap(m))
}
