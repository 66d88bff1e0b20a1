// A tight arithmetic loop: 10,000,000 iterations of integer multiply, add,
// shift and xor, with Go's int wrap-around.
package main

import "fmt"

func main() {
	const iterations = 10000000
	x := 1
	for i := 0; i < iterations; i++ {
		x = x*31 + i
		x ^= x >> 7
	}
	fmt.Println("arith iterations:", iterations, "checksum:", x)
}
