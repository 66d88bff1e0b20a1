package main

import (
	"fmt"
)

func main() {
	var name string
	var age int
	var height float64
	n, err := fmt.Sscan("Alice 30 1.68", &name, &age, &height)
	fmt.Println(n, err, name, age, height)

	var a, b int
	n, err = fmt.Sscanf("10-20", "%d-%d", &a, &b)
	fmt.Println(n, err, a, b)

	var x, y int
	var op string
	n, err = fmt.Sscanf("3 + 4", "%d %s %d", &x, &op, &y)
	fmt.Println(n, err, x, op, y)

	var word string
	var count int
	n, err = fmt.Sscanf("apples:12", "apples:%d", &count)
	fmt.Println(n, err, count)

	n, err = fmt.Sscan("1\n2", &a, &b)
	fmt.Println(n, err, a, b)

	var ok bool
	var u uint8
	n, err = fmt.Sscan("true 255", &ok, &u)
	fmt.Println(n, err, ok, u)

	n, err = fmt.Sscan("only", &word, &count)
	fmt.Println(n, err, word)

	var hex int
	n, err = fmt.Sscanf("ff", "%x", &hex)
	fmt.Println(n, err, hex)

	n, err = fmt.Sscanln("5 6", &a, &b)
	fmt.Println(n, err, a, b)
}
