// Pow, Mod, Remainder, Hypot, Frexp, Modf, Ldexp and the rounding functions
// to the last bit: every result is printed with %v and as its IEEE bits,
// over grids of signs, zeros, infinities, NaN, subnormals and huge values,
// and over pseudo-random arguments.
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

func show2(name string, x, y, r float64) {
	if r != r {
		fmt.Printf("%s(%v, %v) = NaN\n", name, x, y)
		return
	}
	fmt.Printf("%s(%v, %v) = %v %016x\n", name, x, y, r, math.Float64bits(r))
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
	bases := []float64{2, 10, 0.5, -2, 1.0001, math.E, 3.7, -0.8, 1e-3, 123.456, 0, negZero, math.Inf(1), math.Inf(-1), math.NaN(), 1, -1}
	exps := []float64{0.5, -0.5, 3, -3, 10, 23, -23, 1.0 / 3, 0.3, 100.5, -1074, 1023, 1024, 1e10, -1e10,
		2.5, 0, math.Inf(1), math.Inf(-1), math.NaN(), 1, 1 << 63, 0x1p64 + 0x1p12, 7}
	for _, x := range bases {
		for _, y := range exps {
			show2("Pow", x, y, math.Pow(x, y))
		}
	}
	for i := 0; i < 40; i++ {
		x, y := unit()*20, (unit()-0.5)*40
		show2("Pow", x, y, math.Pow(x, y))
	}
	for k := -30; k <= 30; k += 3 {
		show2("Pow", 10, float64(k), math.Pow(10, float64(k)))
	}

	pairs := []float64{0, negZero, 1, -1, 3, -2.5, 1e-300, 5e-324, 1e300, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 7.25, 0.1}
	for _, x := range pairs {
		for _, y := range pairs {
			show2("Mod", x, y, math.Mod(x, y))
			show2("Remainder", x, y, math.Remainder(x, y))
			show2("Hypot", x, y, math.Hypot(x, y))
		}
	}
	for i := 0; i < 20; i++ {
		x, y := (unit()-0.5)*1e6, (unit()-0.5)*100
		show2("Mod", x, y, math.Mod(x, y))
		show2("Remainder", x, y, math.Remainder(x, y))
		show2("Hypot", x, y, math.Hypot(x, y))
	}

	for _, x := range append(special, 8, -0.3, 1e-320, 3.75, -2.5, 1e300, 0.1) {
		f, e := math.Frexp(x)
		i, fr := math.Modf(x)
		fmt.Printf("Frexp(%v) = %v %d; Modf = %v %v; Floor %v Ceil %v Trunc %v Round %v RoundToEven %v\n",
			x, f, e, i, fr, math.Floor(x), math.Ceil(x), math.Trunc(x), math.Round(x), math.RoundToEven(x))
	}
	for _, e := range []int{0, 1, -1, 52, -1022, -1023, -1073, -1074, -1075, -1076, 1023, 1024, 2000, -2000} {
		for _, f := range []float64{0.5, 0.75, -0.9999999999999999, 0.6, 1.5} {
			show2("Ldexp", f, float64(e), math.Ldexp(f, e))
		}
	}
}
