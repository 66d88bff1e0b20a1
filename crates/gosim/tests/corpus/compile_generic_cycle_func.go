package main

type Pair[A, B any] struct{ a A; b B }

func F[T any](n int) {
	if n > 0 {
		G[Pair[T, int]](n - 1)
	}
}

func G[U any](n int) {
	F[U](n)
}

func main() {
	F[int](3)
}
