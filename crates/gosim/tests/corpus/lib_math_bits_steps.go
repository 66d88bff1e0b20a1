// math.FMA (one rounding, so it differs from x*y+z where the product's low
// bits matter), Nextafter and Nextafter32 around zeros, subnormals,
// infinities and NaN, Pow10 over its whole range, Ilogb and Logb.
package main

import (
	"fmt"
	"math"
)

func show(name string, x float64) {
	fmt.Printf("%s %v %016x\n", name, x, math.Float64bits(x))
}

func main() {
	negz := math.Copysign(0, -1)
	inf, nan := math.Inf(1), math.NaN()
	tiny := math.SmallestNonzeroFloat64
	e := math.Nextafter(1, 2) - 1
	fmas := [][3]float64{
		{1 + e, 1 - e, -1}, {0.1, 10, -1}, {1.0 / 3, 3, -1}, {2, 3, 4}, {-2, 3, 4},
		{0, negz, 0}, {negz, 1, 0}, {0, 1, negz}, {negz, negz, negz}, {inf, 0, 1}, {inf, 1, -inf},
		{inf, 2, 1}, {nan, 1, 1}, {1, nan, 1}, {1, 1, nan}, {1e308, 10, -1e308}, {tiny, 0.5, 0},
		{tiny, 0.5, tiny}, {1e-200, 1e-200, 1}, {math.Pi, math.E, -8.539734222673566},
		{1 << 53, 1 + e, 1}, {math.MaxFloat64, 2, -math.MaxFloat64}, {3, 1e-320, 1e-321},
		{-0.7, 0.3, 0.21}, {123456789, 987654321, -121932631112635269},
	}
	for _, f := range fmas {
		show(fmt.Sprint("fma", f), math.FMA(f[0], f[1], f[2]))
		show("   mul-add", f[0]*f[1]+f[2])
	}
	vals := []float64{0, negz, 1, -1, tiny, -tiny, 0x1p-1022, math.MaxFloat64, -math.MaxFloat64,
		inf, -inf, nan, 1.5, 1e-310, -2.5e-320}
	for _, x := range vals {
		for _, y := range vals {
			show(fmt.Sprint("next ", x, y), math.Nextafter(x, y))
			r := math.Nextafter32(float32(x), float32(y))
			fmt.Printf("next32 %v %v %v %08x\n", float32(x), float32(y), r, math.Float32bits(r))
		}
		fmt.Println("ilogb", x, math.Ilogb(x))
		show("logb", math.Logb(x))
	}
	for _, x := range []float64{3, 0.1, 1e300, 7e-320, -1024, 1023.99, 0x1p-1074 * 3} {
		fmt.Println("ilogb", x, math.Ilogb(x))
		show("logb", math.Logb(x))
	}
	for n := -330; n <= 312; n++ {
		show(fmt.Sprint("pow10 ", n), math.Pow10(n))
	}
}
