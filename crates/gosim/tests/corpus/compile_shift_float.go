package main

import "fmt"

func main() {
	var s uint = 2
	var f float64 = 1 << s
	g := float32(1 << s)
	var h = 1.0 << s
	var i int = 1.5 << s
	var ok int64 = 1.0 << s
	fmt.Println(f, g, h, i, ok)
}
