package main

import (
	"errors"
	"fmt"
)

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=>%v", p.Key, p.Val) }

func MakePair[K comparable, V any](k K, v V) Pair[K, V] { return Pair[K, V]{k, v} }

type Optional[T any] struct {
	value T
	ok    bool
}

func Some[T any](v T) Optional[T] { return Optional[T]{value: v, ok: true} }
func None[T any]() Optional[T]    { return Optional[T]{} }

func (o Optional[T]) Get() (T, bool) { return o.value, o.ok }
func (o Optional[T]) OrElse(d T) T {
	if o.ok {
		return o.value
	}
	return d
}

type Result[T any] struct {
	Val T
	Err error
}

func Try[T any](f func() (T, error)) Result[T] {
	v, err := f()
	return Result[T]{v, err}
}

// Counter embeds a generic type and adds methods.
type Counter[K comparable] struct {
	counts map[K]int
	order  []K
}

func NewCounter[K comparable]() *Counter[K] {
	return &Counter[K]{counts: map[K]int{}}
}

func (c *Counter[K]) Add(k K) {
	if _, ok := c.counts[k]; !ok {
		c.order = append(c.order, k)
	}
	c.counts[k]++
}

func (c *Counter[K]) Top() Pair[K, int] {
	var best Pair[K, int]
	for _, k := range c.order {
		if c.counts[k] > best.Val {
			best = Pair[K, int]{k, c.counts[k]}
		}
	}
	return best
}

type Named struct {
	*Counter[string]
	Name string
}

type Shape interface {
	Area() float64
}

type Square[T ~float64 | ~int] struct{ Side T }

func (s Square[T]) Area() float64 { return float64(s.Side * s.Side) }

type Matrix[T ~int | ~float64] [2][2]T

func (m Matrix[T]) Mul(o Matrix[T]) Matrix[T] {
	var r Matrix[T]
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			for k := 0; k < 2; k++ {
				r[i][j] += m[i][k] * o[k][j]
			}
		}
	}
	return r
}

func main() {
	p := MakePair("go", 1.27)
	fmt.Println(p, p.Key)
	fmt.Printf("%v %+v %T\n", p, p, p)
	var s fmt.Stringer = MakePair(1, []string{"x"})
	fmt.Println(s.String())

	o := Some(3)
	v, ok := o.Get()
	fmt.Println(v, ok, None[string]().OrElse("default"), o.OrElse(9))
	fmt.Printf("%T %v\n", None[[]int](), None[*int]())

	r := Try(func() (int, error) { return 0, errors.New("boom") })
	fmt.Println(r.Val, r.Err)
	r2 := Try(func() (string, error) { return "fine", nil })
	fmt.Printf("%+v\n", r2)

	c := NewCounter[string]()
	for _, w := range []string{"a", "b", "a", "c", "b", "a"} {
		c.Add(w)
	}
	fmt.Println(c.Top(), len(c.order))

	n := Named{NewCounter[string](), "words"}
	n.Add("x")
	n.Add("x")
	fmt.Println(n.Name, n.Top())
	add := n.Add
	add("y")
	fmt.Println(n.counts)

	shapes := []Shape{Square[int]{3}, Square[float64]{1.5}}
	for _, sh := range shapes {
		fmt.Printf("%T %.2f\n", sh, sh.Area())
	}
	m := Matrix[int]{{1, 2}, {3, 4}}
	fmt.Println(m.Mul(m))
	id := Matrix[float64]{{1, 0}, {0, 1}}
	fmt.Println(id.Mul(Matrix[float64]{{0.5, 1}, {2, 4}}))
	f := Square[int].Area
	fmt.Println(f(Square[int]{5}))
}
