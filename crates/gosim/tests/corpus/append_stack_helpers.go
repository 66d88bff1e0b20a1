package main

import "fmt"

func sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

func first(xs []int) int { return xs[0] + len(xs) }

func show(xs []int) {
	fmt.Println("show", xs)
}

var saved []int

func keep(xs []int) { saved = xs }

func main() {
	// A helper that only reads the slice keeps it on the stack.
	var a []int
	for i := 0; i < 3; i++ {
		a = append(a, i)
	}
	fmt.Println("sum", sum(a), first(a), cap(a))

	// A helper that prints it (an interface) or keeps it lets it escape.
	var b []int
	b = append(b, 1)
	show(b)
	fmt.Println("shown", cap(b))

	var c []int
	c = append(c, 1)
	keep(c)
	fmt.Println("kept", cap(c), len(saved))
}
