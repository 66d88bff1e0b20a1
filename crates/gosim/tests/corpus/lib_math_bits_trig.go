// Sin, Cos and Tan to the last bit: every result is printed with %v and as
// its IEEE bits, over small, moderate and huge arguments (Payne–Hanek
// reduction above 2^29), values next to multiples of π/2, ±0, ±Inf, NaN
// and subnormals.
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

// next steps x by n units in the last place (toward larger magnitude for
// positive n).
func next(x float64, n int64) float64 {
	return math.Float64frombits(uint64(int64(math.Float64bits(x)) + n))
}

var seed uint64 = 0x9e3779b97f4a7c15

// unit returns a pseudo-random float64 in [0, 1).
func unit() float64 {
	seed = seed*6364136223846793005 + 1442695040888963407
	return float64(seed>>11) / (1 << 53)
}

func main() {
	args := []float64{
		0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 2, 3, -3, 10, 0.1, 1e-5,
		1e-10, 1e-300, 5e-324, 1e-310, 2.2250738585072014e-308, 100, 1000,
		1e5, 1e6, 355, 103993, 1e10, 1e15, 1e22, 1e100, 1e200, 1e300,
		math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 0.7853981633974483,
		0.7853981633974484, 1 << 29, 1<<29 - 1, 1<<29 + 1, next(1<<29, -1),
		1 << 30, 1 << 52, 1<<53 + 2, 6381956970095103 * 0x1p797, 1.5e19,
		-1e22, 710, 12345.678, 2.5e8, 4e8, 9.5e8,
	}
	for k := 1; k <= 16; k++ {
		m := float64(k) * math.Pi / 2
		args = append(args, m, next(m, 1), next(m, -1), -m)
	}
	for k := 0; k < 12; k++ {
		args = append(args, float64(k)*math.Pi/4+0.01)
	}
	for i := 0; i < 30; i++ {
		args = append(args, (unit()-0.5)*20)
	}
	for i := 0; i < 30; i++ {
		e := int(unit()*1000) - 20
		args = append(args, math.Ldexp(1+unit(), e))
	}
	for _, x := range args {
		show("Sin", x, math.Sin(x))
		show("Cos", x, math.Cos(x))
		show("Tan", x, math.Tan(x))
	}
	s, c := math.Sincos(2.5)
	show("Sincos.sin", 2.5, s)
	show("Sincos.cos", 2.5, c)
	s, c = math.Sincos(1e300)
	show("Sincos.sin", 1e300, s)
	show("Sincos.cos", 1e300, c)
}
