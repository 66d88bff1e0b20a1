package main

import "fmt"

func inc(p *int) int { *p++; return *p }

type S struct{ a [3]int }

func main() {
	x := 1
	x += inc(&x)
	fmt.Println(x)
	y := 5
	p := &y
	*p = inc(&y) * 10
	fmt.Println(y)
	s := S{}
	i := 0
	s.a[i] = inc(&i)
	fmt.Println(s)
	z := 1
	switch z {
	case inc(&z):
		fmt.Println("case matched", z)
	default:
		fmt.Println("default", z)
	}
	v := 1
	for v < inc(&v)*2 && v < 5 {
	}
	fmt.Println(v)
}
