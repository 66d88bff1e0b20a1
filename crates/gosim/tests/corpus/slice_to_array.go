package main

import "fmt"

type IPv4 [4]byte

func (ip IPv4) String() string { return fmt.Sprintf("%d.%d.%d.%d", ip[0], ip[1], ip[2], ip[3]) }

func header(b []byte) [4]byte { return [4]byte(b) }

func main() {
	s := []int{1, 2, 3, 4, 5}
	a := [3]int(s)
	a[0] = 100
	fmt.Println(a, s)

	p := (*[2]int)(s[1:])
	p[0] = 20
	p[1]++
	fmt.Println(*p, s, len(p))
	for i, v := range p {
		fmt.Print(i, ":", v, " ")
	}
	fmt.Println()
	q := (*[2]int)(s[3:])
	*q = [2]int{40, 50}
	fmt.Println(s)
	e := &p[1]
	*e = 30
	fmt.Println(s[2], *p)

	raw := []byte{192, 168, 0, 1, 99}
	ip := IPv4(raw)
	raw[0] = 10
	fmt.Println(ip, header(raw))
	var none []int
	fmt.Println((*[0]int)(none) == nil, [0]int(none))
	empty := []int{}
	fmt.Println((*[0]int)(empty) != nil)

	defer func() {
		fmt.Println("recovered:", recover())
		defer func() { fmt.Println("again:", recover()) }()
		_ = (*[8]int)(s)
	}()
	_ = [6]int(s)
}
