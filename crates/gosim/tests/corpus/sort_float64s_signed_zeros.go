// sort.Float64s and slices.Sort order -0 and +0 (equal under <) and NaNs
// (first) exactly as Go's pdqsort leaves them, on slices long enough to
// leave insertion sort.
package main

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

func signs(x []float64) string {
	b := make([]byte, 0, len(x))
	for _, v := range x {
		switch {
		case math.IsNaN(v):
			b = append(b, 'n')
		case v == 0 && math.Signbit(v):
			b = append(b, '-')
		case v == 0:
			b = append(b, '+')
		default:
			b = append(b, '.')
		}
	}
	return string(b)
}

func main() {
	negZero := math.Copysign(0, -1)
	seed := uint32(7)
	next := func() uint32 {
		seed ^= seed << 13
		seed ^= seed >> 17
		seed ^= seed << 5
		return seed
	}
	for _, n := range []int{13, 40, 100, 257} {
		x := make([]float64, n)
		for i := range x {
			switch next() % 5 {
			case 0:
				x[i] = negZero
			case 1:
				x[i] = 0
			case 2:
				x[i] = math.NaN()
			default:
				x[i] = float64(int(next()%21) - 10)
			}
		}
		y := slices.Clone(x)
		sort.Float64s(x)
		slices.Sort(y)
		fmt.Println(n, signs(x))
		fmt.Println(n, signs(y), sort.Float64sAreSorted(x))
	}
}
