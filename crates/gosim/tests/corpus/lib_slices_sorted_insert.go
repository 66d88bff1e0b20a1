package main

import (
	"fmt"
	"slices"
	"strings"
)

type entry struct {
	key   string
	score int
}

func main() {
	var sorted []int
	for _, x := range []int{50, 10, 40, 20, 30, 10, 60} {
		i, found := slices.BinarySearch(sorted, x)
		if found {
			fmt.Println("duplicate", x, "at", i)
			continue
		}
		sorted = slices.Insert(sorted, i, x)
	}
	fmt.Println(sorted)

	var board []entry
	add := func(e entry) {
		i, _ := slices.BinarySearchFunc(board, e, func(a, b entry) int {
			if a.score != b.score {
				return b.score - a.score
			}
			return strings.Compare(a.key, b.key)
		})
		board = slices.Insert(board, i, e)
	}
	add(entry{"ann", 30})
	add(entry{"bob", 50})
	add(entry{"cid", 30})
	add(entry{"dee", 70})
	fmt.Println(board)
	idx := slices.IndexFunc(board, func(e entry) bool { return e.key == "cid" })
	board = slices.Delete(board, idx, idx+1)
	fmt.Println(board, len(board))
	fmt.Println(slices.ContainsFunc(board, func(e entry) bool { return e.score > 60 }))
}
