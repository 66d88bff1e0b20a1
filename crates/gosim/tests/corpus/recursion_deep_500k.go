package main

// Half a million nested calls of a small function: Go's stack grows to fit
// (it allows a gigabyte), and so must gosim's.

import "fmt"

func depth(n int) int {
	if n == 0 {
		return 0
	}
	return depth(n-1) + 1
}

func main() {
	fmt.Println(depth(500000))
}
