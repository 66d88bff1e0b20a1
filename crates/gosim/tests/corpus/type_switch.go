package main

import (
	"errors"
	"fmt"
)

type Shape interface {
	Area() float64
}

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int:
		return fmt.Sprintf("int %d", x+1)
	case string:
		return "string of length " + fmt.Sprint(len(x))
	case bool, float64:
		return fmt.Sprintf("bool or float64: %v", x)
	case error:
		return "error: " + x.Error()
	case Shape:
		return fmt.Sprintf("shape with area %v", x.Area())
	case []int:
		return fmt.Sprintf("slice of %d ints", len(x))
	default:
		return fmt.Sprintf("other %T", x)
	}
}

func main() {
	values := []any{nil, 41, "hey", true, 2.5, errors.New("oops"), Rect{2, 3}, []int{1, 2}, 'x', map[string]int{}}
	for _, v := range values {
		fmt.Println(describe(v))
	}
	var s Shape = Rect{1, 1}
	if r, ok := s.(Rect); ok {
		fmt.Println("rect width", r.W)
	}
	_, ok := s.(error)
	fmt.Println("is an error:", ok)
}
