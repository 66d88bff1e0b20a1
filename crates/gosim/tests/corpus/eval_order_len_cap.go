// gc's order pass copies len, cap, append, make, new, min, max and copy
// results at their place, as it does calls and receives, while plain
// variable and field reads wait until the statement runs: len(ch) before a
// receive from ch sees the value still buffered, b.n before b.inc() sees the
// increment.
package main

import "fmt"

var gs = []int{1}
var gm = map[int]int{}
var gc = make(chan int, 5)

func grow() int  { gs = append(gs, 2); gm[len(gm)] = 1; return 0 }
func take() int  { return <-gc }
func put() int   { gc <- 9; return 0 }
func id(x int) int { return x }

type box struct{ n int }

func (b *box) inc() int { b.n++; return b.n }

func main() {
	a := make(chan int, 3)
	a <- 1
	a <- 2
	fmt.Println("1", len(a), <-a)
	fmt.Println("2", len(gs), grow())
	fmt.Println("3", len(gm), grow())
	gc <- 1
	fmt.Println("4", len(gc), take())
	fmt.Println("5", len(gc), put())
	x := len(a) + <-a
	fmt.Println("6", x)
	a <- 3
	a <- 4
	s := []int{len(a), <-a}
	fmt.Println("7", s)
	n := 5
	p := &n
	b := &box{}
	fmt.Println("8", b.n, b.inc(), *p, id(n))
	var i any = len(a)
	fmt.Println("9", i, len(a), cap(a), <-a, len(a))
	var y int
	gc <- 4
	y = len(a) * 10 + take()
	fmt.Println("10", y)
	a <- 5
	fmt.Println("11", id(len(a)), <-a)
	xs := []int{1, 2}
	fmt.Println("12", len(xs), cap(xs), append(xs, 3), len(xs), copy(xs, []int{7}), xs)
	fmt.Println("13", min(len(a), 5), max(len(gs), 0), grow(), len(gs))
	a <- 1
	fmt.Println("14", xs[0], len(a), <-a, xs[0])
}
