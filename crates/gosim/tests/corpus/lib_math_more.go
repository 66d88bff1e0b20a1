package main

import (
	"fmt"
	"math"
)

func main() {
	fmt.Println(math.Sin(0), math.Cos(0), math.Sin(math.Pi/2), math.Cos(math.Pi))
	fmt.Printf("%.6f %.6f %.6f\n", math.Sin(1), math.Tan(0.5), math.Atan(1)*4)
	fmt.Printf("%.6f %.6f\n", math.Asin(0.5), math.Acos(0.5))
	fmt.Println(math.Atan2(1, 1) == math.Pi/4, math.Atan2(0, -1) == math.Pi)
	fmt.Println(math.Hypot(3, 4), math.Hypot(5, 12), math.Hypot(math.Inf(-1), 1))
	fmt.Println(math.Cbrt(27), math.Cbrt(-8))
	fmt.Println(math.Log2(8), math.Log2(1024), math.Log10(1000), math.Log10(0.01))
	fmt.Printf("%.6f %.6f\n", math.Log2(10), math.Log10(2))
	fmt.Println(math.Exp2(10), math.Exp2(-1))
	fmt.Println(math.Signbit(-0.0), math.Signbit(math.Copysign(0, -1)), math.Copysign(3, -1))
	fmt.Println(math.Float64bits(1.0), math.Float64frombits(0x4000000000000000))
	fmt.Println(math.Float32bits(1.5), math.Float32frombits(0x40490fdb))
	frac, exp := math.Frexp(8)
	fmt.Println(frac, exp)
	frac, exp = math.Frexp(-0.3)
	fmt.Println(frac, exp)
	fmt.Println(math.Ldexp(0.5, 4), math.Ldexp(frac, exp))
	i, f := math.Modf(3.75)
	fmt.Println(i, f)
	i, f = math.Modf(-2.5)
	fmt.Println(i, f)
	fmt.Println(math.Dim(5, 3), math.Dim(3, 5))
	fmt.Println(math.RoundToEven(2.5), math.RoundToEven(3.5), math.RoundToEven(-2.5), math.Round(2.5))
	fmt.Println(math.Remainder(10, 3), math.Remainder(11, 3))
	fmt.Println(math.MaxFloat32, math.SmallestNonzeroFloat32)
	fmt.Println(math.Sqrt2, math.Phi, math.Ln2, math.Log2E, math.Ln10, math.Log10E)
	fmt.Printf("%.4f %.4f %.4f\n", math.Sinh(1), math.Cosh(1), math.Tanh(1))
	fmt.Printf("%.6g %.6g\n", math.Log1p(1e-10), math.Expm1(1e-10))
	dist := func(x1, y1, x2, y2 float64) float64 { return math.Sqrt((x2-x1)*(x2-x1) + (y2-y1)*(y2-y1)) }
	fmt.Printf("%.3f\n", dist(0, 0, 3, 4))
	deg := 30.0
	fmt.Printf("sin(%v°) = %.4f\n", deg, math.Sin(deg*math.Pi/180))
}
