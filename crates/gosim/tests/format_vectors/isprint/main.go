package main

import (
	"fmt"
	"strconv"
)

func main() {
	start := -1
	n := 0
	for r := rune(0); r <= 0x110000; r++ {
		np := r < 0x110000 && !strconv.IsPrint(r)
		if np && start < 0 {
			start = int(r)
		}
		if !np && start >= 0 {
			fmt.Printf("(0x%X, 0x%X),\n", start, int(r)-1)
			n++
			start = -1
		}
	}
	fmt.Println("//", n)
}
