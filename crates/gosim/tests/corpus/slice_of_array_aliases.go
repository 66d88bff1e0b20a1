// Slicing an array aliases it: writes through the slice show in the
// array and back, append writes into the array while capacity lasts, and
// whole-array assignment and range copies keep value semantics.
package main

import "fmt"

type Buf struct{ data [4]int }

var g [3]int

func main() {
	arr := [5]int{1, 2, 3, 4, 5}
	s := arr[1:3]
	s[0] = 100
	fmt.Println(arr, s, len(s), cap(s))
	arr[2] = 7
	fmt.Println(s)
	s = append(s, 42)
	fmt.Println(arr, s)
	p := &arr
	q := p[3:]
	q[1] = -1
	fmt.Println(*p, q)
	np := new([3]string)
	t := np[:]
	t[0] = "x"
	fmt.Println(*np, t)
	lit := &[2]bool{}
	u := lit[:]
	u[1] = true
	fmt.Println(lit[1], u)
	b := arr
	b[0] = 9
	fmt.Println(arr[0], b[0])
	arr = [5]int{5, 5, 5, 5, 5}
	fmt.Println(s, arr)
	for i, v := range arr {
		arr[4] = 0
		fmt.Print(i, v, " ")
	}
	fmt.Println()
	x := &arr[0]
	*x = 11
	fmt.Println(s[0], arr[0], arr[1:2][0])
	w := s[:cap(s)]
	fmt.Println(w)
}
