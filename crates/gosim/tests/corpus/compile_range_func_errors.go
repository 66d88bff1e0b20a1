package main

import "fmt"

func one(yield func(int) bool)        {}
func none(yield func() bool)          {}
func bad1(x int)                      {}
func bad2(yield func(int))            {}
func bad3(yield func(int, int, int) bool) {}

func main() {
	for a, b := range one {
		fmt.Println(a, b)
	}
	for a := range none {
		fmt.Println(a)
	}
	for x := range bad1 {
		fmt.Println(x)
	}
	for x := range bad2 {
		fmt.Println(x)
	}
	for x := range bad3 {
		fmt.Println(x)
	}
	for x := range one {
	}
}
