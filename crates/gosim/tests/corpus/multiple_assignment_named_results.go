package main

import "fmt"

func divmod(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

func swap(a, b string) (string, string) {
	return b, a
}

func fib(n int) int {
	a, b := 0, 1
	for i := 0; i < n; i++ {
		a, b = b, a+b
	}
	return a
}

var (
	version = "1.0"
	count   int
	ratio   = 0.5
)

func main() {
	q, r := divmod(17, 5)
	fmt.Println(q, r)
	x, y := swap("left", "right")
	fmt.Println(x, y)
	s := []int{1, 2, 3}
	s[0], s[2] = s[2], s[0]
	fmt.Println(s)
	i := 0
	i, s[i] = 1, 9
	fmt.Println(i, s)
	fmt.Println(fib(10), fib(50))
	_, r2 := divmod(9, 4)
	fmt.Println(r2, version, count, ratio)
	var a, b, c = 1, "b", true
	fmt.Println(a, b, c)
}
