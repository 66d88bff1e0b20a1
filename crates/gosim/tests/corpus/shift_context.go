package main

import "fmt"

func mask(shift uint) uint {
	return 1 << shift
}

func bits8(s uint) uint8 {
	var x uint8 = 1 << s
	return x
}

func takes64(v int64) int64 { return v }

type Flags uint16

const (
	A Flags = 1 << iota
	B
	C
)

func main() {
	var s uint = 3
	fmt.Println(mask(4), bits8(7), bits8(9))
	var u8 uint8 = 1<<s + 1
	var i16 int16 = 0x7f << s
	var f Flags = 1 << (s - 1)
	fmt.Println(u8, i16, f, f|A, C)
	fmt.Println(takes64(1<<40>>s), 1<<s, uint32(1)<<31<<s)
	x := 1 << s
	var big int64 = 1 << 40
	fmt.Printf("%T %T %v\n", x, 1<<s, big>>s)
	var arr [16]int
	arr[1<<s] = 5
	fmt.Println(arr[8], len(make([]byte, 1<<s)))
	var w uint16 = 1 << 15
	fmt.Println(w<<1, uint8(1<<s), int8(1<<s)<<4)
	var k uint64 = 1<<s | 1<<(s+1)
	fmt.Println(k, k == 1<<s|1<<(s+1))
	shifted := []uint8{1 << s, 2 << s, 255 << s}
	fmt.Println(shifted)
	var r rune = 'a' << (s - 3)
	fmt.Println(r, string(r))
}
