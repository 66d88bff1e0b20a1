// math.Gamma, Lgamma (with its sign), Erf, Erfc, Erfinv and Erfcinv over
// zeros, infinities, NaN, poles, negatives, tiny and huge arguments and the
// boundaries between their approximation ranges.
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
	args := []float64{0, negz, inf, -inf, nan, 1, 2, 3, 0.5, -0.5, 1.5, -1.5, 2.5, 4.75, 7.9, 8,
		10.1, 33, 33.5, 34.2, 100, 143.5, 150.3, 171.6, 172, 180, 200, 250, -1, -2, -3.5, -33.5,
		-34.2, -100.5, -170.3, -171.5, -180.7, -200.5, 1e-10, -1e-10, 1e-300, 5e-324, -7e-20,
		0.9, 0.73, 0.2, 0.25, 1.2, 1.25, 1.75, 0.84375, 0.84, 1.3, 2.8, 2.9, 5.9, 6, 6.1, 27.9,
		28, -0.3, -0.9, -1.1, -2.9, -5.99, -6.5, -30, 1e15, -1e15 - 0.5, 1e17, 3e17, 1e300, -1e300,
		0.1, 0.85, 0.86, 0.999, 0.9999999999, 1 - 1e-16, -0.999999, 1.999, 0.001, -0.25, -4.25}
	for _, x := range args {
		show("Gamma", x, math.Gamma(x))
		lg, s := math.Lgamma(x)
		fmt.Printf("Lgamma(%v) = %v %016x %d\n", x, lg, math.Float64bits(lg), s)
		show("Erf", x, math.Erf(x))
		show("Erfc", x, math.Erfc(x))
		show("Erfinv", x, math.Erfinv(x))
		show("Erfcinv", x, math.Erfcinv(x))
	}
	for i := 0; i <= 40; i++ {
		x := float64(i)/20 - 1
		show("Erfinv", x, math.Erfinv(x))
		show("Erfcinv", x+1, math.Erfcinv(x+1))
		y := float64(i)*0.37 - 4.1
		show("Gamma", y, math.Gamma(y))
		lg, s := math.Lgamma(y)
		fmt.Printf("Lgamma(%v) = %v %016x %d\n", y, lg, math.Float64bits(lg), s)
		show("Erf", y/2, math.Erf(y/2))
		show("Erfc", y, math.Erfc(y))
	}
}
