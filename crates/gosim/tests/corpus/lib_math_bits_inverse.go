// Inverse trigonometric and hyperbolic functions to the last bit: every
// result is printed with %v and as its IEEE bits, at the branch points of
// the usual algorithms (0.5, 0.625, 0.66, 0.7, tan(3π/8), 2, 21, 2^28),
// near ±1, for huge and subnormal arguments, ±0, ±Inf and NaN.
package main

import (
	"fmt"
	"math"
)

func show(name string, x, r float64) {
	if r != r {
		fmt.Printf("%s(%v) = NaN\n", name, x)
		return
	}
	fmt.Printf("%s(%v) = %v %016x\n", name, x, r, math.Float64bits(r))
}

func next(x float64, n int64) float64 {
	return math.Float64frombits(uint64(int64(math.Float64bits(x)) + n))
}

var seed uint64 = 0x2545f4914f6cdd1d

func unit() float64 {
	seed = seed*6364136223846793005 + 1442695040888963407
	return float64(seed>>11) / (1 << 53)
}

func main() {
	negZero := math.Copysign(0, -1)
	special := []float64{0, negZero, math.Inf(1), math.Inf(-1), math.NaN(), 5e-324, -1e-310, 1e-300}

	// Asin, Acos, Atanh live on [-1, 1].
	unitArgs := append([]float64{}, special...)
	unitArgs = append(unitArgs, 1, -1, next(1, -1), next(-1, -1), next(1, -3), 1-0x1p-30,
		0.5, -0.5, 0.7, next(0.7, 1), next(0.7, -1), 0.66, 0.1, 0.3, 0.9, 0.99, 0.999999,
		-0.999999, 1e-9, 0x1p-28, next(0x1p-28, -1), 0.25, next(1, 1), 2, -2)
	for i := 0; i < 40; i++ {
		unitArgs = append(unitArgs, unit()*2-1)
	}
	for _, x := range unitArgs {
		show("Asin", x, math.Asin(x))
		show("Acos", x, math.Acos(x))
		show("Atanh", x, math.Atanh(x))
	}

	// Atan, Sinh, Cosh, Tanh, Asinh take any argument.
	wide := append([]float64{}, special...)
	wide = append(wide, 1, -1, 0.5, next(0.5, 1), 0.625, next(0.625, -1), 0.66, next(0.66, 1),
		2.414213562373095, 2.4142135623730954, 2, next(2, 1), 3, -3, 10, 21, next(21, 1), 22,
		44.014845965556525, 44.02, 100, 709, 709.7, 709.78, 710, 711, -709.7, -710, -745,
		1e-5, 1e-9, 0x1p-28, next(0x1p-28, 1), 0x1p28, next(0x1p28, 1), 1e10, 1e20, 1e300,
		math.MaxFloat64, -math.MaxFloat64, 0.34657359027997264, 1.0397207708399179)
	for i := 0; i < 30; i++ {
		wide = append(wide, (unit()-0.5)*60)
	}
	for i := 0; i < 20; i++ {
		wide = append(wide, (unit()-0.5)*2)
	}
	for i := 0; i < 20; i++ {
		e := int(unit()*600) - 300
		wide = append(wide, math.Ldexp(1+unit(), e))
	}
	for _, x := range wide {
		show("Atan", x, math.Atan(x))
		show("Sinh", x, math.Sinh(x))
		show("Cosh", x, math.Cosh(x))
		show("Tanh", x, math.Tanh(x))
		show("Asinh", x, math.Asinh(x))
	}

	// Acosh lives on [1, ∞).
	acoshArgs := []float64{1, next(1, 1), next(1, 5), 1.0001, 1.5, 2, next(2, 1), 3, 10, 1e5,
		0x1p28, next(0x1p28, -1), 1e10, 1e300, math.MaxFloat64, math.Inf(1), 0.5, 0, -1, math.NaN()}
	for i := 0; i < 30; i++ {
		acoshArgs = append(acoshArgs, 1+unit()*unit()*50)
	}
	for _, x := range acoshArgs {
		show("Acosh", x, math.Acosh(x))
	}

	// Atan2 over a grid of signs, zeros, infinities and ordinary values.
	grid := []float64{0, negZero, 1, -1, 3, -2.5, 1e-300, -5e-324, 1e300, math.Inf(1), math.Inf(-1), math.NaN()}
	for _, y := range grid {
		for _, x := range grid {
			r := math.Atan2(y, x)
			if r != r {
				fmt.Printf("Atan2(%v, %v) = NaN\n", y, x)
				continue
			}
			fmt.Printf("Atan2(%v, %v) = %v %016x\n", y, x, r, math.Float64bits(r))
		}
	}
	for i := 0; i < 30; i++ {
		y, x := (unit()-0.5)*10, (unit()-0.5)*10
		fmt.Printf("Atan2(%v, %v) = %v %016x\n", y, x, math.Atan2(y, x), math.Float64bits(math.Atan2(y, x)))
	}
}
