package main

import "fmt"

// Printing the slice itself converts it to an interface, which makes it
// escape: its appends grow on the heap (cap 1, 2, 4). Printing only len
// and cap keeps it on the stack (cap 4 at once).
func main() {
	var kept []int
	var shown []int
	for i := 0; i < 5; i++ {
		kept = append(kept, i)
		shown = append(shown, i)
		fmt.Println(len(kept), cap(kept), "|", len(shown), cap(shown), shown)
	}
	var words []string
	words = append(words, "go")
	fmt.Printf("%v len=%d cap=%d\n", words, len(words), cap(words))
	var elems []int
	elems = append(elems, 7)
	fmt.Println(elems[0], cap(elems))
	var part []int
	part = append(part, 8)
	fmt.Println(part[:1], cap(part))
}
