package main

import (
	"fmt"
	"sync/atomic"
)

type P struct{ X, Y int }

func (p *P) Move() int { p.X++; return p.X }

func inc(p *int) int { *p++; return *p }

func main() {
	var n int64 = 5
	fmt.Println(n, atomic.SwapInt64(&n, 9))
	p := P{1, 2}
	fmt.Println(p, p.Move(), p)
	arr := [2]int{1, 2}
	fmt.Println(arr, func() int { arr[0] = 9; return 0 }(), arr)
	k := 1
	if k == inc(&k) {
		fmt.Println("equal", k)
	} else {
		fmt.Println("not equal", k)
	}
	j := 1
	ok := j < inc(&j) && j > 0
	fmt.Println(ok, j)
	m := map[int]int{}
	i := 0
	m[i] = inc(&i)
	fmt.Println(m)
	s := []int{0, 0, 0}
	idx := 0
	s[idx], idx = inc(&idx), 2
	fmt.Println(s, idx)
	x := 10
	ch := make(chan int, 1)
	ch <- 1
	fmt.Println(x, <-ch+inc(&x), x)
	var f float64 = 1.5
	fmt.Println(f, func() float64 { f = 2.5; return f }())
	str := "a"
	fmt.Printf("%s %s %v\n", str, func() string { str = "z"; return str }(), str)
	var iface any = 1
	fmt.Println(iface, func() int { iface = 2; return 0 }())
	e := struct{ A int }{1}
	fmt.Println(e, func() int { e.A = 3; return 0 }())
}
