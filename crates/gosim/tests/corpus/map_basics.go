package main

import "fmt"

func main() {
	m := map[string]int{"b": 2, "a": 1}
	m["c"] = 3
	v, ok := m["a"]
	fmt.Println(v, ok)
	v, ok = m["zz"]
	fmt.Println(v, ok)
	delete(m, "b")
	delete(m, "nope")
	fmt.Println(len(m), m)

	sum := 0
	for _, v := range m {
		sum += v
	}
	fmt.Println("sum:", sum)

	counts := make(map[rune]int)
	for _, r := range "banana" {
		counts[r]++
	}
	fmt.Println(counts)

	var nilMap map[string]int
	fmt.Println(nilMap["x"], len(nilMap), nilMap == nil)

	nested := map[string][]int{}
	nested["x"] = append(nested["x"], 1, 2)
	fmt.Println(nested, map[int]bool{3: true, 1: false})
}
