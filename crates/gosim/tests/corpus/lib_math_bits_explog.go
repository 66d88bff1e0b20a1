// Exponentials, logarithms, Cbrt and Sqrt to the last bit: every result is
// printed with %v and as its IEEE bits, at overflow and underflow edges,
// the branch points of the usual algorithms, subnormals, ±0, ±Inf, NaN and
// over pseudo-random arguments.
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

var seed uint64 = 0x853c49e6748fea9b

func unit() float64 {
	seed = seed*6364136223846793005 + 1442695040888963407
	return float64(seed>>11) / (1 << 53)
}

func main() {
	negZero := math.Copysign(0, -1)
	special := []float64{0, negZero, math.Inf(1), math.Inf(-1), math.NaN(), 5e-324, 1e-310, -1e-310,
		2.2250738585072014e-308, math.MaxFloat64, -math.MaxFloat64}

	expArgs := append([]float64{}, special...)
	expArgs = append(expArgs, 1, -1, 0.5, 2, 10, -10, 1e-9, 0x1p-28, 1e-20, 0.34657359027997264,
		1.0397207708399179, 38.816242111356935, 20, 56, 57, -37, -38, -40, 100, -100, 700, 709,
		709.7, 709.78, 709.782712893384, 7.09782712893383973096e+02, 710, -700, -708.4, -709,
		-720, -740, -745, -745.1, -745.13321910194111, -745.2, -746, -1000, 1e10, -1e10, 1e300)
	for i := 0; i < 40; i++ {
		expArgs = append(expArgs, (unit()-0.5)*60)
	}
	for i := 0; i < 20; i++ {
		expArgs = append(expArgs, (unit()-0.5)*1460)
	}
	for i := 0; i < 10; i++ {
		expArgs = append(expArgs, (unit()-0.5)*1e-3)
	}
	for _, x := range expArgs {
		show("Exp", x, math.Exp(x))
		show("Expm1", x, math.Expm1(x))
		show("Exp2", x, math.Exp2(x))
	}

	logArgs := append([]float64{}, special...)
	logArgs = append(logArgs, 1, -1, next(1, 1), next(1, -1), 2, 0.5, 0.7071067811865476,
		0.7071067811865475, 1.4142135623730951, 10, 100, 1000, 1e-5, 1e22, 1e300, math.E, 3, 7,
		1024, 0x1p-1022, 0x1p-1074, 0x1p-1060, 123456789, 0.1, 0.3, 0.9, 1.5,
		0.41421356237309503, 0.4142135623730951, -0.2928932188134524, -0.29289321881345254,
		0x1p-29, next(0x1p-29, -1), 0x1p-54, 1e-20, -0.5, -0.999999, next(-1, -1), 0x1p53,
		next(0x1p53, 1), 1e17)
	for i := 0; i < 40; i++ {
		e := int(unit()*2000) - 1000
		logArgs = append(logArgs, math.Ldexp(1+unit(), e))
	}
	for i := 0; i < 20; i++ {
		logArgs = append(logArgs, unit()*4)
	}
	for _, x := range logArgs {
		show("Log", x, math.Log(x))
		show("Log1p", x, math.Log1p(x))
		show("Log2", x, math.Log2(x))
		show("Log10", x, math.Log10(x))
		show("Cbrt", x, math.Cbrt(x))
		show("Sqrt", x, math.Sqrt(x))
	}
}
