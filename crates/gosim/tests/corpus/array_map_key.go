package main

import "fmt"

type point struct{ x, y int }

func main() {
	seen := map[[2]int]string{}
	seen[[2]int{1, 2}] = "a"
	seen[[2]int{2, 1}] = "b"
	k := [2]int{1, 2}
	fmt.Println(seen[k], len(seen))

	var key [1000]int
	key[0] = 42
	m := map[[1000]int]int{}
	m[key] = 1
	key[0] = 43
	m[key] = 2
	key[0] = 42
	fmt.Println(m[key], len(m))

	pts := map[point]bool{{1, 2}: true}
	fmt.Println(pts[point{1, 2}], pts[point{2, 1}])
	fmt.Println(seen)
}
