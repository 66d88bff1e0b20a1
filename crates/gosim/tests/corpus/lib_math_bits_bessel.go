// math.J0, J1, Jn, Y0, Y1 and Yn over zeros, infinities, NaN, negatives,
// tiny and huge arguments, the boundaries of their approximation ranges,
// and orders on both sides of x (forward recurrence and continued fraction).
package main

import (
	"fmt"
	"math"
)

func show(name string, x, r float64) {
	fmt.Printf("%s(%v) = %v %016x\n", name, x, r, math.Float64bits(r))
}

func main() {
	negz := math.Copysign(0, -1)
	inf, nan := math.Inf(1), math.NaN()
	args := []float64{0, negz, inf, -inf, nan, 1e-320, 1e-20, 1e-9, 1e-5, 0.1, -0.1, 0.5, 0.99, 1,
		1.5, 1.99, 2, 2.5, 2.8571, 2.86, 3, 4.5, 4.5454, 5, 7.99, 8, 10, -10, 20.5, 50, 100, 1e5,
		1e10, 1e20, 1e38, 7e38, 1e39, 1e100, 1e300, -1e300, 1e308, math.MaxFloat64, 2.404825557695773,
		3.8317059702075125, 0.893576966279167, -3.5, 1e-8, 5e-9}
	for _, x := range args {
		show("J0", x, math.J0(x))
		show("J1", x, math.J1(x))
		show("Y0", x, math.Y0(x))
		show("Y1", x, math.Y1(x))
	}
	orders := []int{-7, -4, -3, -2, -1, 0, 1, 2, 3, 5, 10, 33, 34, 50, 200}
	xs := []float64{0, negz, 1e-12, -1e-12, 1e-7, 0.5, -0.5, 1.5, 3, -3, 7.5, 20, 45, 60, 150, 1000, 1e91,
		1e100, -1e100, inf, -inf, nan}
	for _, n := range orders {
		for _, x := range xs {
			r := math.Jn(n, x)
			fmt.Printf("Jn(%d, %v) = %v %016x\n", n, x, r, math.Float64bits(r))
			r = math.Yn(n, x)
			fmt.Printf("Yn(%d, %v) = %v %016x\n", n, x, r, math.Float64bits(r))
		}
	}
	for i := 0; i < 40; i++ {
		x := float64(i)*0.73 + 0.01
		show("J0", x, math.J0(x))
		show("J1", x, math.J1(x))
		show("Y0", x, math.Y0(x))
		show("Y1", x, math.Y1(x))
		r := math.Jn(i%9+2, x)
		fmt.Printf("Jn(%d, %v) = %v %016x\n", i%9+2, x, r, math.Float64bits(r))
		r = math.Yn(i%9+2, x)
		fmt.Printf("Yn(%d, %v) = %v %016x\n", i%9+2, x, r, math.Float64bits(r))
	}
}
