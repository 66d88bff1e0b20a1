package main

import (
	"fmt"
)

// Case-13
func main() {
	fmt.Println(fn())
}
func fn() (n int) {
	defer func() {
		n += n
	}()
	n = 1
	return n
}

