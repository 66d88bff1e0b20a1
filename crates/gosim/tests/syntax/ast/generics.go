package main

type Number interface {
	~int | ~int64 | float64
}

type Ordered interface {
	Integer | ~string
	comparable
}

type List[T any] struct {
	head *node[T]
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type Set[T comparable] map[T]struct{}

func (l *List[T]) Push(v T) {}

func (p Pair[K, V]) Swap() Pair[V, K] { return Pair[V, K]{p.Val, p.Key} }

func Map[T, U any](xs []T, f func(T) U) []U { return nil }

func Sum[S ~[]E, E interface{ ~int | ~float64 }](s S) (total E) { return }

func Keys[M ~map[K]V, K comparable, V any](m M) []K { return nil }

func main() {
	_ = Map[int, string]
	_ = Pair[string, int]{Key: "a"}
	var s Set[string]
	_ = Sum[[]int](nil)
	_ = Keys(map[string]int{})
	x := List[Pair[int, []string]]{}
	_, _ = s, x
L:
	goto L
}

type Holder[T any] struct {
	List[T]
	buf [4]byte
	n   [N * 2]int
}

func named(a [3]int, l List[int], f func(Pair[int, string])) {}

func unnamed(List[int], Pair[string, []int]) {}
