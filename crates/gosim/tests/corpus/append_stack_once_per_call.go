package main

import "fmt"

func fill(n int) {
	var s []int
	for i := 0; i < n; i++ {
		s = append(s, i)
	}
	fmt.Println("fill", n, len(s), cap(s))
}

func main() {
	// The buffer belongs to the frame: a variable declared in a loop
	// gets it on the first iteration only.
	for round := 0; round < 3; round++ {
		var s []int
		s = append(s, round)
		fmt.Println("round", round, cap(s))
	}
	// Each call has its own frame, so its own buffer.
	fill(1)
	fill(3)
	fill(6)
	// Only an empty slice takes the buffer: one with room left keeps
	// growing on the heap.
	t := make([]int, 1)
	t = append(t, 1)
	fmt.Println("nonempty", len(t), cap(t))
	// Five ints do not fit in 32 bytes.
	var u []int
	u = append(u, 1, 2, 3, 4, 5)
	fmt.Println("five", len(u), cap(u))
	// A spread append never uses the buffer.
	var v []int
	v = append(v, []int{1, 2}...)
	fmt.Println("spread", len(v), cap(v))
	// Emptied and refilled: the buffer was already used.
	var w []int
	w = append(w, 1)
	w = w[:0]
	w = append(w, 2)
	w = nil
	w = append(w, 3)
	fmt.Println("refill", len(w), cap(w))
}
