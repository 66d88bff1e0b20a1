// The sieve of Eratosthenes over a []bool of 2,000,001 entries, made once.
package main

import "fmt"

func main() {
	const n = 2000000
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
	fmt.Println("sieve", n, count)
}
