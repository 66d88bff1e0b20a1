package main

import "fmt"

// Ranging over the slice (Go 1.27) or assigning it to another variable is
// where it may stop being the only reference to its buffer; when the
// function also reads cap, its appends step through size classes.
func main() {
	var s []int
	for i := 0; i < 6; i++ {
		s = append(s, i)
		fmt.Println(len(s), cap(s))
	}
	total := 0
	for _, v := range s {
		total += v
	}
	fmt.Println("total", total)

	var t []int
	for i := 0; i < 3; i++ {
		t = append(t, i)
	}
	u := t
	fmt.Println("copy", len(u), cap(u), u)

	// Appended once, or ranged over twice: gc's slice pass gives up, but
	// ranging is no escape, so the plain buffer still applies.
	var once []int
	once = append(once, 5)
	for _, v := range once {
		fmt.Println("once", v, cap(once))
	}
	var twice []int
	for i := 0; i < 2; i++ {
		twice = append(twice, i)
	}
	for range twice {
	}
	for range twice {
	}
	fmt.Println("twice", cap(twice))
}
