package main

import "fmt"

type pair struct{ a, b int64 }
type triple struct{ a, b, c int64 }
type five struct{ a, b, c, d, e int64 }
type rgb struct{ r, g, b uint8 }

func main() {
	var b []byte
	var h []int16
	var w []int32
	var n []int
	var f []float64
	var p []pair
	var str []string
	var t []triple
	var big []five
	var c []rgb
	var ok []bool
	for i := 1; i <= 12; i++ {
		b = append(b, 'x')
		h = append(h, 1)
		w = append(w, 1)
		n = append(n, i)
		f = append(f, 0.5)
		p = append(p, pair{})
		str = append(str, "s")
		t = append(t, triple{})
		big = append(big, five{})
		c = append(c, rgb{})
		ok = append(ok, true)
		fmt.Println(i, cap(b), cap(h), cap(w), cap(n), cap(f), cap(p), cap(str), cap(t), cap(big), cap(c), cap(ok))
	}
}
