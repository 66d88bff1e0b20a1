// Many more arguments than the other lib_math_bits programs print: for each
// function, 400 pseudo-random arguments of every size and sign, the
// results folded into one FNV-1a hash of their bits (a NaN counts as one
// fixed value, whatever its bits), so that a single differing last bit
// anywhere changes the line.
package main

import (
	"fmt"
	"math"
)

var seed uint64 = 0x5851f42d4c957f2d

func rnd() uint64 {
	seed = seed*6364136223846793005 + 1442695040888963407
	return seed
}

func unit() float64 { return float64(rnd()>>11) / (1 << 53) }

// arg draws from five families: any bit pattern, [-2, 2), [-50, 50),
// 2^[-1100, 1100) and [-750, 750).
func arg(i int) float64 {
	switch i % 5 {
	case 0:
		return math.Float64frombits(rnd())
	case 1:
		return (unit() - 0.5) * 4
	case 2:
		return (unit() - 0.5) * 100
	case 3:
		return math.Ldexp(unit(), int(rnd()%2200)-1100)
	}
	return (unit() - 0.5) * 1500
}

type hash struct{ h, nans uint64 }

func (s *hash) add(r float64) {
	b := math.Float64bits(r)
	if r != r {
		s.nans++
		b = 1
	}
	for i := 0; i < 8; i++ {
		s.h ^= b & 0xff
		s.h *= 1099511628211
		b >>= 8
	}
}

func main() {
	unary := []struct {
		name string
		f    func(float64) float64
	}{
		{"Sin", math.Sin}, {"Cos", math.Cos}, {"Tan", math.Tan}, {"Asin", math.Asin},
		{"Acos", math.Acos}, {"Atan", math.Atan}, {"Sinh", math.Sinh}, {"Cosh", math.Cosh},
		{"Tanh", math.Tanh}, {"Asinh", math.Asinh}, {"Acosh", math.Acosh}, {"Atanh", math.Atanh},
		{"Cbrt", math.Cbrt}, {"Log1p", math.Log1p}, {"Expm1", math.Expm1}, {"Exp", math.Exp},
		{"Exp2", math.Exp2}, {"Log", math.Log}, {"Log2", math.Log2}, {"Log10", math.Log10},
		{"Sqrt", math.Sqrt},
	}
	for _, u := range unary {
		s := hash{h: 14695981039346656037}
		for i := 0; i < 400; i++ {
			s.add(u.f(arg(i)))
		}
		fmt.Printf("%-9s %016x nan=%d\n", u.name, s.h, s.nans)
	}
	binary := []struct {
		name string
		f    func(x, y float64) float64
	}{
		{"Pow", math.Pow}, {"Atan2", math.Atan2}, {"Mod", math.Mod}, {"Remainder", math.Remainder},
		{"Hypot", math.Hypot}, {"Max", math.Max}, {"Min", math.Min}, {"Dim", math.Dim},
	}
	for _, b := range binary {
		s := hash{h: 14695981039346656037}
		for i := 0; i < 400; i++ {
			x, y := arg(i), arg(i/5)
			if b.name == "Pow" && i%3 == 0 {
				x, y = unit()*10, (unit()-0.5)*600
			}
			s.add(b.f(x, y))
		}
		fmt.Printf("%-9s %016x nan=%d\n", b.name, s.h, s.nans)
	}
}
