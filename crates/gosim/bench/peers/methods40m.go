// 40,000,000 pointer-receiver method calls (issue 17's memory case: Go keeps no
// garbage here).
package main

import "fmt"

type counter struct{ n int }

func (c *counter) inc() { c.n++ }

func main() {
	const n = 40000000
	c := &counter{}
	for i := 0; i < n; i++ {
		c.inc()
	}
	fmt.Println("methods40m", c.n)
}
