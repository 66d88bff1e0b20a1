// Maps: 1,000,000 inserts into a map[int]int, then lookups and deletes.
package main

import "fmt"

func main() {
	const n = 1000000
	m := make(map[int]int)
	for i := 0; i < n; i++ {
		m[i*7] = i
	}
	sum := 0
	for i := 0; i < n; i++ {
		if v, ok := m[i*7]; ok {
			sum += v
		}
		if _, ok := m[i*7+1]; ok {
			sum--
		}
	}
	for i := 0; i < n; i += 2 {
		delete(m, i*7)
	}
	fmt.Println("maps", len(m), sum)
}
