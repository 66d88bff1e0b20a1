// Pointer, slice and map variables used as the roots of assignments and
// method calls, which the compiler keeps out of heap cells, next to the uses
// that still need a cell: a named slice with a pointer method, the address of
// the variable itself, and closures that capture it.
package main

import "fmt"

type counter struct{ n int }

func (c *counter) inc() { c.n++ }

type stack []int

func (s *stack) push(v int) { *s = append(*s, v) }

type grid [3]int

func (g *grid) set(i, v int) { g[i] = v }

func bump(c *counter, s []int, m map[string]int) {
	c.n += 10
	c.inc()
	s[0] = 7
	s[1] += 3
	s[2]++
	m["k"]++
	c = &counter{n: 100} // reassigning the parameter changes nothing outside
	c.inc()
}

func main() {
	c := &counter{}
	s := []int{1, 2, 3}
	m := map[string]int{}
	for i := 0; i < 3; i++ {
		c.inc()
		bump(c, s, m)
	}
	fmt.Println(c.n, s, m)

	var st stack
	st.push(1)
	st.push(2)
	fmt.Println(st, len(st))

	var g grid
	g.set(1, 5)
	gp := &g
	gp.set(2, 6)
	gp[0] = 4
	fmt.Println(g)

	p := &counter{}
	pp := &p
	(*pp).inc()
	*pp = &counter{n: 40}
	p.inc()
	fmt.Println(p.n)

	q := &counter{}
	inc := func() { q.inc() }
	inc()
	q = &counter{n: 9}
	inc()
	fmt.Println(q.n)

	t := []int{0, 0}
	set := func(i int) { t[i] = i + 1 }
	set(1)
	t = []int{5, 5, 5}
	set(0)
	fmt.Println(t)

	arr := [2][]int{{1}, {2}}
	arr[1][0] = 9
	rows := [][]int{{1, 2}, {3, 4}}
	rows[1][0] *= 10
	fmt.Println(arr, rows)

	bad := []int{1, 2}
	defer func() { fmt.Println("recovered:", recover()) }()
	i := 5
	bad[i] = 1
}
