// Types, aliases and constants may refer to ones declared after them.
package main

import "fmt"

type Grid [Rows][Cols]Cell

const Rows, Cols = 2, Width + 1

const Width = 2

type Cell = Celsius

type Celsius float64

const Boiling Celsius = 100

const Freezing = Celsius(0)

type Temps = []Cell

type Next = *Node

type Node struct {
	next Next
	v    int
}

type Reading Celsius

func main() {
	var g Grid
	g[1][2] = Boiling
	fmt.Println(len(g), len(g[0]), g, Freezing)
	t := Temps{Boiling, Freezing}
	fmt.Println(t, Reading(3))
	n := Node{next: &Node{v: 2}, v: 1}
	fmt.Println(n.v, n.next.v, n.next.next == nil)
}
