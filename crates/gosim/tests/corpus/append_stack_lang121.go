// lang: 1.21
package main

import "fmt"

// The stack buffer comes with the toolchain: Go 1.21 grew every append on
// the heap (cap 1, 2, 4, 8), Go 1.25+ starts at cap 4 for []int.
func main() {
	var s []int
	var b []byte
	for i := 0; i < 6; i++ {
		s = append(s, i)
		b = append(b, 'a')
		fmt.Println(len(s), cap(s), cap(b))
	}
}
