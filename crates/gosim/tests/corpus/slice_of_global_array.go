// Package-level arrays alias the slices made from them, like local ones:
// buf[2:5] passed to a function fills buf, and &grid, grid[:] and grid
// share elements, while a copy of grid does not.
package main

import "fmt"

var buf [8]byte
var grid = [3]int{1, 2, 3}
var names [2]string

func fill(b []byte, c byte) int {
	for i := range b {
		b[i] = c
	}
	return len(b)
}

func main() {
	n := fill(buf[2:5], 'x')
	fmt.Println(n, buf, string(buf[:]))
	s := grid[:]
	s[0] = 10
	grid[2] = 30
	fmt.Println(grid, s)
	p := &grid
	p[1] = 20
	fmt.Println(grid, s, *p == grid)
	copy := grid
	copy[0] = -1
	fmt.Println(grid[0], copy[0])
	grid = [3]int{7, 8, 9}
	fmt.Println(s, len(names[:1]))
	names[1] = "b"
	t := names[:]
	t[0] = "a"
	fmt.Println(names, t)
	for i, v := range grid {
		grid[2] = 0
		fmt.Print(i, v, " ")
	}
	fmt.Println(grid)
}
