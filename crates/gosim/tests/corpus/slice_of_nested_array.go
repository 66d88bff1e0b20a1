// Slicing an array that is part of another value aliases it: a struct's
// array field, a row of an array of arrays, an element of a slice of
// arrays and a global struct's field all share elements with their
// slices, copies of the enclosing value stay copies, and pointers to one
// element compare equal however they were made.
package main

import (
	"fmt"
	"sync"
)

type Ring struct {
	data [4]int
	n    int
}

func (r *Ring) Slots() []int { return r.data[:] }

type Grid [3][3]int

func (g *Grid) Row(i int) []int { return g[i][:] }

type Counter struct {
	mus  [2]sync.Mutex
	hits [2]int
}

var cfg struct {
	buf  [4]byte
	name string
}

func main() {
	var r Ring
	s := r.Slots()
	s[1] = 7
	r.data[2] = 9
	fmt.Println(r.data, s)
	copyR := r
	s[0] = -1
	fmt.Println(r.data, copyR.data, s)
	r = Ring{}
	fmt.Println(s, r.data)

	var g Grid
	row := g.Row(1)
	row[2] = 5
	g[1][0] = 4
	fmt.Println(g, row)
	rows := [][3]int{{1, 2, 3}, {4, 5, 6}}
	mid := rows[1][:2]
	mid[0] = 40
	rows[1][1] = 50
	fmt.Println(rows, mid, len(mid), cap(mid))
	mid = append(mid, 60)
	fmt.Println(rows, mid)
	mid = append(mid, 70)
	mid[0] = 0
	fmt.Println(rows, mid)

	all := g[:]
	all[2][2] = 8
	inner := all[2][:]
	inner[0] = 6
	fmt.Println(g, all[2], inner)

	var c Counter
	var wg sync.WaitGroup
	ms := c.mus[:]
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			ms[k%2].Lock()
			c.hits[k%2]++
			c.mus[k%2].Unlock()
		}(i)
	}
	wg.Wait()
	fmt.Println(c.hits)

	b := cfg.buf[1:3]
	b[0] = 'h'
	b[1] = 'i'
	cfg.name = "x"
	fmt.Printf("%q %q\n", cfg.buf[:], b)
	p := &rows[0]
	q := p[1:]
	q[0] = 20
	fmt.Println(rows[0], q, &rows[0][1] == &q[0])

	arr := [3]int{1, 2, 3}
	x := &arr[0]
	whole := arr[:]
	fmt.Println(x == &whole[0], &arr[1] == &whole[1], &g[1][2] == &row[2])

	m := map[string][2]int{"a": {1, 2}}
	v := m["a"]
	vs := v[:]
	vs[0] = 9
	fmt.Println(m, v)
}
