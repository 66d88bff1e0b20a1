package main

// Deep recursion where frames carry more locals: 100,000 levels of a
// function with several locals, and a mutual recursion 100,000 deep.

import "fmt"

func sum(xs []int, i int) int {
	if i == len(xs) {
		return 0
	}
	a, b, c := xs[i], i%3, i%5
	return a + b*c - b*c + sum(xs, i+1)
}

func even(n int) bool {
	if n == 0 {
		return true
	}
	return odd(n - 1)
}

func odd(n int) bool {
	if n == 0 {
		return false
	}
	return even(n - 1)
}

func main() {
	xs := make([]int, 100000)
	for i := range xs {
		xs[i] = i % 7
	}
	fmt.Println(sum(xs, 0))
	fmt.Println(even(100000), odd(100001))
}
