package main

import "fmt"

type node struct {
	value int
	next  *node
}

func push(head *node, v int) *node {
	return &node{value: v, next: head}
}

func increment(p *int) {
	*p++
}

func main() {
	n := new(int)
	fmt.Println(*n)
	increment(n)
	increment(n)
	fmt.Println(*n)

	x := 10
	p := &x
	*p = 20
	fmt.Println(x, p == &x, p != nil)

	var head *node
	for i := 1; i <= 3; i++ {
		head = push(head, i)
	}
	for cur := head; cur != nil; cur = cur.next {
		fmt.Print(cur.value, " ")
	}
	fmt.Println()

	pp := &p
	**pp = 30
	fmt.Println(x)

	s := &struct{ A, B int }{1, 2}
	s.B = 5
	fmt.Println(*s, s.A+s.B)
	var nilp *node
	fmt.Println(nilp == nil, nilp)
}
