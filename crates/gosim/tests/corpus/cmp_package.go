package main

import (
	"cmp"
	"fmt"
	"math"
	"sort"
)

type Version struct {
	Major, Minor int
}

func (a Version) Compare(b Version) int {
	return cmp.Or(cmp.Compare(a.Major, b.Major), cmp.Compare(a.Minor, b.Minor))
}

func MaxOf[T cmp.Ordered](xs []T) T {
	m := xs[0]
	for _, x := range xs[1:] {
		if cmp.Less(m, x) {
			m = x
		}
	}
	return m
}

type Celsius float64

func main() {
	fmt.Println(cmp.Compare(1, 2), cmp.Compare("b", "a"), cmp.Compare(2.5, 2.5))
	fmt.Println(cmp.Less(1, 2), cmp.Less("abc", "abd"), cmp.Less(Celsius(3), 2))
	nan := math.NaN()
	fmt.Println(cmp.Compare(nan, 1.0), cmp.Compare(1.0, nan), cmp.Compare(nan, nan), cmp.Less(nan, math.Inf(-1)))
	fmt.Println(cmp.Or("", "fallback", "x"), cmp.Or(0, 0), cmp.Or[string]())
	vs := []Version{{1, 22}, {1, 9}, {2, 0}, {1, 22}}
	sort.Slice(vs, func(i, j int) bool { return vs[i].Compare(vs[j]) < 0 })
	fmt.Println(vs)
	fmt.Println(MaxOf([]int{3, 9, 4}), MaxOf([]string{"go", "rust", "c"}), MaxOf([]float64{-1, nan, 2}))
	f := cmp.Compare[uint8]
	fmt.Printf("%T %d\n", f, f(200, 100))
}
