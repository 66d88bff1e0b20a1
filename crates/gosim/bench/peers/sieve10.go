// The sieve re-made ten times (issue 17's memory case): each round makes a fresh
// []bool of 1,000,001 entries and drops the last, so live data stays at one sieve.
package main

import "fmt"

func sieve(n int) int {
	composite := make([]bool, n+1)
	count := 0
	for i := 2; i <= n; i++ {
		if composite[i] {
			continue
		}
		count++
		for j := i * 2; j <= n; j += i {
			composite[j] = true
		}
	}
	return count
}

func main() {
	total := 0
	for r := 0; r < 10; r++ {
		total += sieve(1000000)
	}
	fmt.Println("sieve10", total)
}
