package main

type S struct {
	Base
	*sync.Mutex
	a, b int `tag`
}
type I interface {
	M(int) error
	fmt.Stringer
}
type A = S
