package main

import "fmt"

func main() {
	s := "héllo, 世界"
	fmt.Println("bytes:", len(s))
	n := 0
	for i, r := range s {
		fmt.Printf("%d:%c(%d) ", i, r, r)
		n++
	}
	fmt.Println()
	fmt.Println("runes:", n, len([]rune(s)))
	fmt.Println(s[1], s[7:], string(s[0]))
	for i := range "ab" {
		fmt.Print(i, " ")
	}
	fmt.Println()
	bad := "a\xffb"
	for _, r := range bad {
		fmt.Printf("%q ", r)
	}
	fmt.Println()
}
