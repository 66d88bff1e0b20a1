// fmt calls String on nested values only when they are reached through
// exported fields: elements of a slice, array or map in an unexported field
// print plainly, as do fields of an unexported struct field.
package main

import "fmt"

type C struct{ v int }

func (c C) String() string { return "C!" }

type Inner struct{ X C }

type Box struct {
	cs []C
	c  C
	m  map[string]C
	a  [1]C
	in Inner
	Cs []C
	In Inner
}

func main() {
	b := Box{[]C{{1}}, C{2}, map[string]C{"k": {3}}, [1]C{{4}}, Inner{C{5}}, []C{{6}}, Inner{C{7}}}
	fmt.Println(b)
	fmt.Printf("%+v\n", b)
	fmt.Println([]C{{8}}, [1]C{{9}}, map[C]C{{1}: {2}})
}
