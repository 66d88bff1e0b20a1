package main

import "fmt"

// Appending to a nil []int that never escapes: since Go 1.25 the first
// growth takes a 32-byte stack buffer whole, so cap jumps to 4 at once.
func main() {
	var s []int
	for i := 0; i < 9; i++ {
		s = append(s, i)
		fmt.Println("var", len(s), cap(s))
	}
	m := make([]int, 0)
	for i := 0; i < 5; i++ {
		m = append(m, i)
		fmt.Println("make", len(m), cap(m))
	}
	e := []int{}
	e = append(e, 1, 2)
	fmt.Println("literal", len(e), cap(e), e[0]+e[1])
	sum := 0
	for _, v := range s {
		sum += v
	}
	fmt.Println("sum", sum)
}
