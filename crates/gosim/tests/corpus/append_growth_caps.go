package main

import "fmt"

type big struct{ a, b, c, d, e int64 }

func main() {
	z := make([]int, 0, 5)
	z = append(z, 1, 2, 3, 4, 5, 6)
	fmt.Println(len(z), cap(z))
	w := append([]int{1, 2, 3}, 4)
	fmt.Println(len(w), cap(w))
	big1 := make([]int, 1000)
	big1 = append(big1, 1)
	fmt.Println(cap(big1))
	big2 := make([]int, 300)
	big2 = append(big2, 1)
	fmt.Println(cap(big2))
	fmt.Println(cap(append([]byte("hello"), '!')))
	s := make([]big, 3)
	s = append(s, big{})
	fmt.Println(cap(s))
	t := make([]string, 5)
	t = append(t, "x", "y", "z", "w", "v", "u", "q")
	fmt.Println(len(t), cap(t))
	u := make([]int32, 700)
	u = append(u, 1)
	fmt.Println(cap(u))
	v := make([]byte, 3000)
	v = append(v, 1)
	fmt.Println(cap(v))
}
