// A tight integer loop: multiply, add, shift and xor with Go's wrap-around.
package main

import "fmt"

func main() {
	const n = 20000000
	x := 1
	for i := 0; i < n; i++ {
		x = x*31 + i
		x ^= x >> 7
	}
	fmt.Println("arith", n, x)
}
