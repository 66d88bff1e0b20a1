// math.Max, Min and Dim over zeros of both signs, infinities and NaN:
// unlike the builtins max and min, math.Max(+Inf, NaN) is +Inf and
// math.Min(-Inf, NaN) is -Inf. Then the bits of the NaNs the math functions
// return (math.NaN's 0x7ff8000000000001, not the hardware's).
package main

import (
	"fmt"
	"math"
)

func main() {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, math.Inf(1), math.Inf(-1), math.NaN()}
	for _, a := range vals {
		for _, b := range vals {
			mx, mn := math.Max(a, b), math.Min(a, b)
			fmt.Println(a, b, "max", mx, math.Signbit(mx), "min", mn, math.Signbit(mn),
				"dim", math.Dim(a, b), "builtin", max(a, b), min(a, b))
		}
	}
	nans := []float64{math.NaN(), math.Log(-1), math.Asin(2), math.Acos(-2), math.Acosh(0),
		math.Atanh(2), math.Log1p(-2), math.Hypot(math.NaN(), 1), math.Pow(-2, 0.5),
		math.Pow(math.NaN(), 2), math.Sin(math.Inf(1)), math.Cos(math.Inf(-1)), math.Tan(math.Inf(1)),
		math.Remainder(1, 0), math.Atan2(math.NaN(), 1), math.Max(math.NaN(), 1), math.Min(1, math.NaN())}
	for i, x := range nans {
		fmt.Printf("%d %v %016x\n", i, x, math.Float64bits(x))
	}
}
