package main

import "fmt"

func a() {
	defer func() {
		fmt.Println("recovered:", recover())
		defer func() { fmt.Println("again:", recover()) }()
		panic("two")
	}()
	panic("one")
}

func b() {
	defer func() { fmt.Println("b outer:", recover()) }()
	defer func() {
		defer func() { fmt.Println("b inner:", recover()) }()
		panic("four")
	}()
	panic("three")
}

func main() {
	a()
	b()
	fmt.Println("done")
	defer func() {
		defer func() { fmt.Println("inner:", recover()) }()
		panic("six")
	}()
	panic("five")
}
