package main

import "fmt"

func main() {
	var s []int
	for i := 0; i < 5; i++ {
		s = append(s, i)
		fmt.Println(len(s), cap(s), s)
	}

	a := make([]int, 3, 4)
	b := append(a, 10)
	b[0] = 99
	fmt.Println("shared:", a, b)

	c := append(b, 20)
	c[1] = 77
	fmt.Println("copied:", b, c)

	d := a[1:2]
	fmt.Println(d, len(d), cap(d))
	d = append(d, 5)
	fmt.Println(a, d)
}
