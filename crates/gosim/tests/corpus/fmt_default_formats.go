package main

import (
	"errors"
	"fmt"
)

type point struct {
	X, Y int
}

type named struct {
	Name  string
	Tags  []string
	Inner *point
	Attrs map[string]int
}

func main() {
	fmt.Println([]int{1, 2}, [2]bool{true, false}, []string{})
	fmt.Println(map[string]int{"b": 2, "a": 1, "c": 3})
	fmt.Println(map[int]string{10: "ten", 2: "two", -1: "minus"})
	fmt.Println(point{1, 2}, &point{1, 2}, []point{{3, 4}})
	fmt.Printf("%+v %+v\n", point{1, 2}, &point{5, 6})
	fmt.Println(nil, true, 3.0, 2.5, 1e21, 1e-7, 0.1)
	var e error
	var ptr *point
	var sl []int
	var mp map[string]int
	fmt.Println(e, ptr, sl, mp, sl == nil)
	fmt.Println(errors.New("an error"), []error{errors.New("x")})
	n := named{Name: "n", Tags: []string{"t1", "t2"}, Inner: nil, Attrs: map[string]int{"k": 1}}
	fmt.Printf("%v\n%+v\n", n, n)
	fmt.Println([]any{1, "two", 3.5, nil, []int{4}})
	fmt.Println("multiple", "args", 1, 2, true)
	fmt.Println(struct{}{}, [0]int{}, [][]int{{1}, {2, 3}})
	fmt.Println('a', "a"[0], byte('b'), rune('c'))
}
