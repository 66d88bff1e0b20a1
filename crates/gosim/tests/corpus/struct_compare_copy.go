package main

import "fmt"

type Point struct {
	X, Y int
}

type Line struct {
	A, B Point
	Name string
}

func (p Point) Add(q Point) Point {
	return Point{p.X + q.X, p.Y + q.Y}
}

func main() {
	p := Point{1, 2}
	q := p
	q.X = 10
	fmt.Println(p, q, p == q, p == Point{1, 2})
	l1 := Line{Point{0, 0}, Point{1, 1}, "diag"}
	l2 := l1
	l2.B.X = 5
	fmt.Println(l1, l2, l1 == l2)
	fmt.Println(p.Add(q), Point{}.Add(Point{Y: 3}))
	ps := []Point{{1, 1}, {2, 2}}
	for _, pt := range ps {
		pt.X = 100
	}
	fmt.Println(ps)
	for i := range ps {
		ps[i].X = 100
	}
	fmt.Println(ps)
	anon := struct {
		Name string
		Age  int
	}{"x", 3}
	fmt.Printf("%v %+v\n", anon, anon)
}
