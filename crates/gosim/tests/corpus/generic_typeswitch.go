package main

import (
	"fmt"
	"strconv"
)

func Describe[T any](v T) string {
	switch x := any(v).(type) {
	case int:
		return "int " + strconv.Itoa(x)
	case string:
		return "string " + strconv.Quote(x)
	case fmt.Stringer:
		return "stringer " + x.String()
	case nil:
		return "nil"
	default:
		return fmt.Sprintf("other %T", x)
	}
}

// IsT reports whether the dynamic value of x has type T.
func IsT[T any](x any) bool {
	switch x.(type) {
	case T:
		return true
	}
	return false
}

// As converts x to T if it can.
func As[T any](x any) (T, bool) {
	v, ok := x.(T)
	return v, ok
}

func Kind[T any]() string {
	var z T
	switch any(z).(type) {
	case int, int64:
		return "integer"
	case float64:
		return "float"
	case T:
		return "T itself"
	}
	return "?"
}

type ID int

func (i ID) String() string { return "#" + strconv.Itoa(int(i)) }

func Equal[T comparable](a, b T) bool { return a == b }

func main() {
	fmt.Println(Describe(42))
	fmt.Println(Describe("hi"))
	fmt.Println(Describe(ID(7)))
	fmt.Println(Describe[error](nil))
	fmt.Println(Describe([]int{1}))
	fmt.Println(IsT[int](3), IsT[int]("3"), IsT[fmt.Stringer](ID(1)), IsT[error](nil))
	n, ok := As[int](5)
	s, ok2 := As[string](5)
	fmt.Printf("%d %v %q %v\n", n, ok, s, ok2)
	fmt.Println(Kind[int](), Kind[float64](), Kind[string](), Kind[ID]())
	var a, b any = 1, 1
	fmt.Println(Equal(a, b), Equal[any](1, "1"), Equal(ID(2), 2))
	defer func() { fmt.Println("recovered:", recover()) }()
	fmt.Println(Equal[any]([]int{}, []int{}))
}
