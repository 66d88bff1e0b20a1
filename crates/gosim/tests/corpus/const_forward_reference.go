// Package-level declarations may refer to ones declared later, and
// recursive types through pointers, slices, maps and funcs are fine.
package main

import "fmt"

const A = B * 2
const B = C + 1
const C = 20

var x = y + A
var y = len(name)
var name = "gopher"

type Node struct {
	next     *Node
	children []Node
	byName   map[string]Node
	visit    func(Node) Node
}

type List []List

func main() {
	fmt.Println(A, B, C, x, y)
	n := Node{next: &Node{}}
	fmt.Println(n.next.next == nil, len(n.children))
	l := List{List{}, nil}
	fmt.Println(len(l), len(l[0]), l[1] == nil)
}
