package main

import "fmt"

func main() {
	x := 1
	fmt.Println(x<<10, x<<62, x<<63, x<<64)
	y := -16
	fmt.Println(y>>2, y>>10, y>>100)
	var u uint8 = 0xF0
	fmt.Println(u<<1, u>>4, u<<4)
	var s uint = 3
	fmt.Println(5<<s, 1000>>s)
	fmt.Printf("%d %x %x\n", 0b1011<<2, 0xABCD>>4, 255)
	fmt.Println(6&3, 6|3, 6^3, 6&^3, ^0)
}
