package main

type List[T any] struct {
	v T
}

func main() {
	_ = Max[int](1, 2)
}
