package main

type Box[T any] struct{ next *Box[[]T] }

func main() {
	var b Box[int]
	_ = b
}
