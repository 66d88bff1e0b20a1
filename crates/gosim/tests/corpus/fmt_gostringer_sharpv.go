// %#v calls GoString when the operand (or a value nested in it) has one,
// and prints the result padded to the width; %v and the other verbs never
// call it. Without GoString, %#v prints Go syntax and calls no String.
package main

import "fmt"

type Point struct{ X, Y int }

func (p Point) GoString() string { return fmt.Sprintf("Pt(%d, %d)", p.X, p.Y) }
func (p Point) String() string   { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

type Only struct{ A int }

func (o Only) String() string { return "only-string" }

type G int

func (g G) GoString() string { return "G!" }

type Bad struct{}

func (Bad) GoString() string { panic("no Go syntax") }

type Line struct {
	From, To Point
	Name     G
}

func main() {
	p := Point{1, 2}
	fmt.Printf("%v|%s|%#v|%+v|%d\n", p, p, p, p, p)
	fmt.Printf("[%#12v] [%-#12v] [%#.4v]\n", p, p, p)
	fmt.Printf("%#v %#v\n", &p, []Point{{3, 4}})
	fmt.Printf("%#v|%v\n", Only{5}, Only{5})
	fmt.Printf("%#v|%v|%d|%x\n", G(7), G(7), G(7), G(7))
	fmt.Printf("%#v\n", Line{Point{0, 0}, Point{5, 5}, 3})
	fmt.Printf("%#v\n", map[string]G{"a": 1})
	fmt.Printf("%#v|%v\n", Bad{}, Bad{})
	fmt.Println(p, G(8))
}
