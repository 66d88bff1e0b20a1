// Package sort as gosim simulates it.
package sort

func Ints(x []int)
func Strings(x []string)
func Float64s(x []float64)
func lenOf(x any) int
func swapIn(x any, i, j int)

func Slice(x any, less func(i, j int) bool) {
	n := lenOf(x)
	// Insertion sort: stable, simple, and fine for teaching-sized data.
	for i := 1; i < n; i++ {
		for j := i; j > 0 && less(j, j-1); j-- {
			swapIn(x, j, j-1)
		}
	}
}

func SliceStable(x any, less func(i, j int) bool) { Slice(x, less) }

func SearchInts(a []int, x int) int {
	lo, hi := 0, len(a)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if a[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
