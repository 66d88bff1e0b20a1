package main

import "fmt"

// A slice built by appends in a loop and returned: Go 1.26+ builds it in
// a stack buffer and copies it to the heap at the return, with the
// capacity of its length's size class.
func squares(n int) []int {
	var s []int
	for i := 1; i <= n; i++ {
		s = append(s, i*i)
	}
	return s
}

func letters(n int) []byte {
	var b []byte
	for i := 0; i < n; i++ {
		b = append(b, byte('a'+i))
	}
	return b
}

// Reading cap inside changes the strategy: each growth steps to the next
// size class within the buffer, and the return keeps the capacity.
func traced(n int) []int {
	var s []int
	for i := 0; i < n; i++ {
		s = append(s, i)
		fmt.Println("  traced", len(s), cap(s))
	}
	return s
}

// Appended once, not in a loop: the return is an ordinary escape.
func single() []int {
	var s []int
	s = append(s, 42)
	return s
}

func main() {
	a := squares(3)
	fmt.Println("squares", len(a), cap(a), a)
	b := letters(5)
	fmt.Println("letters", len(b), cap(b), string(b))
	c := squares(6)
	fmt.Println("squares6", len(c), cap(c), c)
	d := traced(3)
	fmt.Println("traced", len(d), cap(d), d)
	e := single()
	fmt.Println("single", len(e), cap(e), e)
}
