package main

import "fmt"

func main() {
	var a int8 = 127
	a++
	fmt.Println("int8 127+1 =", a)

	var b uint8 = 0
	b--
	fmt.Println("uint8 0-1 =", b)

	var c int32 = 2147483647
	c += 10
	fmt.Println("int32 max+10 =", c)

	var d uint64 = 18446744073709551615
	d += 2
	fmt.Println("uint64 max+2 =", d)

	var e int8 = -128
	e = -e
	fmt.Println("-(int8 -128) =", e)

	var f uint8 = 200
	f *= 2
	fmt.Println("uint8 200*2 =", f)

	var g int64 = 9223372036854775807
	g++
	fmt.Println("int64 max+1 =", g)

	x := 300
	fmt.Println("uint8(300) =", uint8(x), "int8(200) =", int8(x-100))
}
