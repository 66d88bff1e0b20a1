package main

import (
	"errors"
	"fmt"
)

func Pairs(yield func(string, int) bool) {
	_ = yield("a", 1) && yield("b", 2) && yield("c", 3)
}

func Nested(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func find(target int) (x, y int, err error) {
	for i := range Nested(5) {
		for j := range Nested(5) {
			if i*j == target {
				return i, j, nil
			}
		}
	}
	return 0, 0, errors.New("not found")
}

func named() (res string) {
	res = "start"
	for k := range Pairs {
		res += k
		if k == "b" {
			return
		}
	}
	return "never"
}

// Swallow recovers a panic from the loop body and keeps going.
func Swallow(yield func(int) bool) {
	defer func() {
		fmt.Println("iterator recovered:", recover())
	}()
	yield(1)
}

func tryAfterPanic() (err any) {
	defer func() { err = recover() }()
	for x := range Swallow {
		panic(fmt.Sprint("body panic ", x))
	}
	return nil
}

var saved func(int) bool

func Keep(yield func(int) bool) {
	saved = yield
	yield(1)
}

func main() {
	var k string
	var v int
	for k, v = range Pairs {
		if v == 2 {
			break
		}
	}
	fmt.Println(k, v)
	fmt.Println(find(6))
	fmt.Println(find(100))
	fmt.Println(named())
	fmt.Println("after:", tryAfterPanic())
	for x := range Keep {
		fmt.Println("kept", x)
	}
	defer func() { fmt.Println("main recovered:", recover()) }()
	saved(2)
}
