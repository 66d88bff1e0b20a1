package main

import "fmt"

func main() {
	pairs := [][2]int{{7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {0, 5}}
	for _, p := range pairs {
		a, b := p[0], p[1]
		fmt.Printf("%d / %d = %d, %d %% %d = %d\n", a, b, a/b, a, b, a%b)
	}
	var m int8 = -128
	var n int8 = -1
	fmt.Println("int8 -128 / -1 =", m/n, "remainder", m%n)
	fmt.Println("uint 7/2 =", uint(7)/2, "float 7/2 =", 7.0/2)
}
