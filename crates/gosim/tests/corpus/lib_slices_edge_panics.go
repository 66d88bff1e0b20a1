package main

import (
	"fmt"
	"slices"
)

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println(name, "panicked:", r)
		}
	}()
	f()
}

func main() {
	s := []int{1, 2, 3}
	try("insert past end", func() { fmt.Println(slices.Insert(s, 4, 9)) })
	try("insert at end", func() { fmt.Println(slices.Insert(s, 3, 9)) })
	try("delete reversed", func() { fmt.Println(slices.Delete(s, 2, 1)) })
	try("delete past end", func() { fmt.Println(slices.Delete(s, 1, 5)) })
	try("min of empty", func() { fmt.Println(slices.Min([]int{})) })
	try("chunk zero", func() { slices.Chunk(s, 0) })
	try("repeat negative", func() { slices.Repeat(s, -1) })
	try("grow negative", func() { slices.Grow(s, -1) })
	d := []int{1, 2, 3, 4, 5}
	r := slices.Delete(d, 1, 3)
	fmt.Println(r, d)
	c := []int{1, 1, 2, 2, 2, 3, 1}
	fmt.Println(slices.Compact(c), c)
	g := slices.Grow([]int{1}, 10)
	fmt.Println(len(g), cap(g) >= 11)
	fmt.Println(slices.Clip(make([]int, 2, 10)), cap(slices.Clip(make([]int, 2, 10))))
	var nilS []int
	fmt.Println(slices.Clone(nilS) == nil, slices.Clone([]int{}) == nil, slices.Index(nilS, 1))
}
