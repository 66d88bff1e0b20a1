package main

import "fmt"

func double(a [3]int) [3]int {
	for i := range a {
		a[i] *= 2
	}
	return a
}

func doubleInPlace(a *[3]int) {
	for i := range a {
		a[i] *= 2
	}
}

func main() {
	x := [3]int{1, 2, 3}
	y := x
	y[0] = 100
	fmt.Println(x, y)
	z := double(x)
	fmt.Println(x, z)
	doubleInPlace(&x)
	fmt.Println(x, x == [3]int{2, 4, 6}, len(x))

	var big [1000]int
	big[999] = 7
	cp := big
	cp[999] = 8
	fmt.Println(big[999], cp[999], len(cp))

	grid := [2][2]string{{"a", "b"}, {"c", "d"}}
	fmt.Println(grid, [...]int{5, 6})
}
