package main

import "fmt"

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
)

const (
	_  = iota
	KB = 1 << (10 * iota)
	MB
	GB
)

const (
	a = iota * 10
	b
	_
	d
)

const big = 1 << 100

const greeting = "hello"

func main() {
	fmt.Println(Sunday, Monday, Tuesday)
	fmt.Println(KB, MB, GB)
	fmt.Println(a, b, d)
	fmt.Println(big >> 98)
	fmt.Println(greeting, len(greeting))
	fmt.Printf("%T %T %T\n", Monday, KB, 2.5)
}
