// Method calls: 2,000,000 calls of a pointer-receiver method and an interface call.
package main

import "fmt"

type counter struct{ n int }

func (c *counter) add(d int) { c.n += d }

type adder interface{ add(d int) }

func main() {
	const n = 1000000
	c := &counter{}
	var a adder = c
	for i := 0; i < n; i++ {
		c.add(i & 3)
		a.add(1)
	}
	fmt.Println("methods", 2*n, c.n)
}
