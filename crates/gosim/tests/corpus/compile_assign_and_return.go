package main

import "fmt"

func f() (int, error) {
	return 1
}

func main() {
	var s string = 5
	n := f()
	fmt.Println(s, n)
}
