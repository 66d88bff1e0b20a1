package main

import "fmt"

func main() {
	b := []byte("go")
	b[0] = 'G'
	b = append(b, '!')
	fmt.Println(string(b), b, len(b))

	r := []rune("日本")
	r[1] = '语'
	fmt.Println(string(r), r, len(r))

	var c byte = 'A'
	c += 2
	fmt.Println(c, string(rune(c)))

	var x rune = 'é'
	fmt.Printf("%c %d %q %x\n", x, x, x, x)
	fmt.Println(string(rune(0x4e16)), "ab"+"cd", "ab" < "b")
}
