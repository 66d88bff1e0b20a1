package main

type Point struct{ X, Y int }

func main() {
	p := Point{1, 2}
	if p == Point{1, 2} {
	}
}
