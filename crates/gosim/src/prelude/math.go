// Package math as gosim simulates it.
package math

const (
	MaxInt    = 1<<63 - 1
	MinInt    = -1 << 63
	MaxInt8   = 1<<7 - 1
	MinInt8   = -1 << 7
	MaxInt16  = 1<<15 - 1
	MinInt16  = -1 << 15
	MaxInt32  = 1<<31 - 1
	MinInt32  = -1 << 31
	MaxInt64  = 1<<63 - 1
	MinInt64  = -1 << 63
	MaxUint8  = 1<<8 - 1
	MaxUint16 = 1<<16 - 1
	MaxUint32 = 1<<32 - 1
	MaxUint64 = 1<<64 - 1
	MaxUint   = 1<<64 - 1
	Pi        = 3.14159265358979323846264338327950288419716939937510582097494459
	E         = 2.71828182845904523536028747135266249775724709369995957496696763
	MaxFloat64 = 1.79769313486231570814527423731704356798070e+308
	SmallestNonzeroFloat64 = 4.9406564584124654417656879286822137236505980e-324
	MaxFloat32             = 0x1p127 * (1 + (1 - 0x1p-23))
	SmallestNonzeroFloat32 = 0x1p-126 * 0x1p-23

	Phi     = 1.61803398874989484820458683436563811772030917980576286213544862
	Sqrt2   = 1.41421356237309504880168872420969807856967187537694807317667974
	SqrtE   = 1.64872127070012814684865078831848901289009468946109863860014848
	SqrtPi  = 1.77245385090551602729816748334114518279754945612238712821380779
	SqrtPhi = 1.27201964951406896425242246173749149171560804184009624861664038
	Ln2     = 0.693147180559945309417232121458176568075500134360255254120680009
	Log2E   = 1 / Ln2
	Ln10    = 2.30258509299404568401799145468436420760110148862877297603332790
	Log10E  = 1 / Ln10
)

func Sqrt(x float64) float64
func Floor(x float64) float64
func Ceil(x float64) float64
func Trunc(x float64) float64
func Round(x float64) float64
func Abs(x float64) float64
func Pow(x, y float64) float64
func Log(x float64) float64
func Exp(x float64) float64
func Float64bits(f float64) uint64
func Float64frombits(b uint64) float64
func Float32bits(f float32) uint32
func Float32frombits(b uint32) float32
func Mod(x, y float64) float64
func Inf(sign int) float64
func NaN() float64
func IsNaN(f float64) bool
func IsInf(f float64, sign int) bool
func Max(x, y float64) float64
func Min(x, y float64) float64

// The functions below are plain Go over the natives above.

func Signbit(x float64) bool { return Float64bits(x)&(1<<63) != 0 }

func Copysign(f, sign float64) float64 {
	const signBit = 1 << 63
	return Float64frombits(Float64bits(f)&^signBit | Float64bits(sign)&signBit)
}

func Sincos(x float64) (sin, cos float64) { return Sin(x), Cos(x) }

// Frexp breaks f into a fraction in [½, 1) and a power of two.
func Frexp(f float64) (frac float64, exp int) {
	if f == 0 || IsInf(f, 0) || IsNaN(f) {
		return f, 0
	}
	if Abs(f) < 0x1p-1022 {
		f *= 1 << 52
		exp = -52
	}
	x := Float64bits(f)
	exp += int((x>>52)&0x7ff) - 1022
	x &^= 0x7ff << 52
	x |= 1022 << 52
	return Float64frombits(x), exp
}

// Ldexp is the inverse of Frexp: frac × 2**exp.
func Ldexp(frac float64, exp int) float64 {
	if frac == 0 || IsInf(frac, 0) || IsNaN(frac) {
		return frac
	}
	for exp > 1000 {
		frac *= 0x1p1000
		exp -= 1000
	}
	for exp < -1000 {
		frac *= 0x1p-1000
		exp += 1000
	}
	return frac * Pow(2, float64(exp))
}

func Log10(x float64) float64 { return Log2(x) * (Ln2 / Ln10) }

func Log2(x float64) float64 {
	frac, exp := Frexp(x)
	// Exact powers of two give exact results.
	if frac == 0.5 {
		return float64(exp - 1)
	}
	return Log(frac)*(1/Ln2) + float64(exp)
}

func Exp2(x float64) float64 { return Pow(2, x) }

func Hypot(p, q float64) float64 {
	p, q = Abs(p), Abs(q)
	if IsInf(p, 1) || IsInf(q, 1) {
		return Inf(1)
	}
	if IsNaN(p) || IsNaN(q) {
		return NaN()
	}
	if p < q {
		p, q = q, p
	}
	if p == 0 {
		return 0
	}
	q = q / p
	return p * Sqrt(1+q*q)
}

func Modf(f float64) (int float64, frac float64) {
	if f < 1 {
		switch {
		case f < 0:
			int, frac = Modf(-f)
			return -int, -frac
		case f == 0:
			return f, f
		}
		return 0, f
	}
	int = Trunc(f)
	frac = f - int
	if IsInf(f, 0) {
		frac = NaN()
	}
	return
}

func Dim(x, y float64) float64 {
	v := x - y
	if v <= 0 {
		return 0
	}
	return v
}

func RoundToEven(x float64) float64 {
	t := Trunc(x)
	if d := Abs(x - t); d > 0.5 || (d == 0.5 && Mod(t, 2) != 0) {
		return t + Copysign(1, x)
	}
	return t
}

func Remainder(x, y float64) float64 {
	if IsNaN(x) || IsNaN(y) || IsInf(x, 0) || y == 0 {
		return NaN()
	}
	if IsInf(y, 0) {
		return x
	}
	n := RoundToEven(x / y)
	return x - n*y
}

// The elementary functions below are plain Go over Sqrt, Exp, Log and Pow
// (natives), so they cost the wasm nothing: argument reduction, then a
// series. They agree with Go's to within an ulp or so, not always bit for
// bit.

// π/2 in two parts, so that x - k·π/2 loses no bits for moderate k.
const (
	pio2Hi = 1.57079632673412561417e+00
	pio2Lo = 6.07710050650619224932e-11
)

// reduce returns r in [-π/4, π/4] and the quadrant k (mod 4) with
// x = k·π/2 + r.
func reduce(x float64) (r float64, k int) {
	q := Round(x / (Pi / 2))
	r = (x - q*pio2Hi) - q*pio2Lo
	k = int(Mod(q, 4))
	if k < 0 {
		k += 4
	}
	return r, k
}

// sinSeries and cosSeries are the Taylor series on [-π/4, π/4], nested
// (Horner) so that the small terms are summed first, and the leading term
// added last.
func sinSeries(r float64) float64 {
	r2 := r * r
	q := 1.0
	for n := 9; n >= 2; n-- {
		q = 1 - r2/float64((2*n)*(2*n+1))*q
	}
	return r + r*(-r2/6*q)
}

func cosSeries(r float64) float64 {
	r2 := r * r
	q := 1.0
	for n := 9; n >= 2; n-- {
		q = 1 - r2/float64((2*n-1)*(2*n))*q
	}
	return 1 + (-r2 / 2 * q)
}

func Sin(x float64) float64 {
	if x == 0 || IsNaN(x) {
		return x
	}
	if IsInf(x, 0) {
		return NaN()
	}
	r, k := reduce(x)
	switch k {
	case 0:
		return sinSeries(r)
	case 1:
		return cosSeries(r)
	case 2:
		return -sinSeries(r)
	}
	return -cosSeries(r)
}

func Cos(x float64) float64 {
	if IsNaN(x) || IsInf(x, 0) {
		return NaN()
	}
	r, k := reduce(x)
	switch k {
	case 0:
		return cosSeries(r)
	case 1:
		return -sinSeries(r)
	case 2:
		return -cosSeries(r)
	}
	return sinSeries(r)
}

func Tan(x float64) float64 {
	if x == 0 || IsNaN(x) {
		return x
	}
	if IsInf(x, 0) {
		return NaN()
	}
	r, k := reduce(x)
	if k%2 == 0 {
		return sinSeries(r) / cosSeries(r)
	}
	return -cosSeries(r) / sinSeries(r)
}

func Atan(x float64) float64 {
	if x == 0 || IsNaN(x) {
		return x
	}
	if x < 0 {
		return -Atan(-x)
	}
	if IsInf(x, 1) {
		return Pi / 2
	}
	if x > 1 {
		return Pi/2 - Atan(1/x)
	}
	// atan(x) = π/4 + atan((x-1)/(x+1)) brings x under tan(π/8).
	base := 0.0
	if x > 0.41421356237309503 {
		x = (x - 1) / (x + 1)
		base = Pi / 4
	}
	x2 := x * x
	term, sum := x, x
	for n := 1; n <= 22; n++ {
		term *= -x2
		sum += term / float64(2*n+1)
	}
	return base + sum
}

func Atan2(y, x float64) float64 {
	switch {
	case IsNaN(y) || IsNaN(x):
		return NaN()
	case y == 0:
		if x >= 0 && !Signbit(x) {
			return Copysign(0, y)
		}
		return Copysign(Pi, y)
	case x == 0:
		return Copysign(Pi/2, y)
	case IsInf(x, 0):
		if IsInf(x, 1) {
			if IsInf(y, 0) {
				return Copysign(Pi/4, y)
			}
			return Copysign(0, y)
		}
		if IsInf(y, 0) {
			return Copysign(3*Pi/4, y)
		}
		return Copysign(Pi, y)
	case IsInf(y, 0):
		return Copysign(Pi/2, y)
	}
	q := Atan(y / x)
	if x < 0 {
		if q <= 0 {
			return q + Pi
		}
		return q - Pi
	}
	return q
}

func Asin(x float64) float64 {
	if x == 0 {
		return x
	}
	if x > 1 || x < -1 {
		return NaN()
	}
	return Atan2(x, Sqrt((1-x)*(1+x)))
}

func Acos(x float64) float64 {
	if x > 1 || x < -1 {
		return NaN()
	}
	return Pi/2 - Asin(x)
}

func Expm1(x float64) float64 {
	if IsNaN(x) || IsInf(x, 1) {
		return x
	}
	if Abs(x) < 0.5 {
		term, sum := x, x
		for n := 2; n <= 20; n++ {
			term *= x / float64(n)
			sum += term
		}
		return sum
	}
	return Exp(x) - 1
}

func Log1p(x float64) float64 {
	if x < -1 || IsNaN(x) {
		return NaN()
	}
	u := 1 + x
	if u == 1 {
		return x
	}
	if IsInf(u, 1) {
		return u
	}
	return Log(u) * x / (u - 1)
}

func Sinh(x float64) float64 {
	if Abs(x) < 1 {
		x2 := x * x
		term, sum := x, x
		for n := 1; n <= 10; n++ {
			term *= x2 / float64((2*n)*(2*n+1))
			sum += term
		}
		return sum
	}
	return (Exp(x) - Exp(-x)) / 2
}

func Cosh(x float64) float64 {
	x = Abs(x)
	return (Exp(x) + Exp(-x)) / 2
}

func Tanh(x float64) float64 {
	if IsNaN(x) {
		return x
	}
	if Abs(x) > 22 {
		return Copysign(1, x)
	}
	e := Expm1(2 * x)
	return e / (e + 2)
}

func Cbrt(x float64) float64 {
	if x == 0 || IsNaN(x) || IsInf(x, 0) {
		return x
	}
	a := Abs(x)
	y := Pow(a, 1.0/3)
	// One Newton step on y³ = a: Pow's rounding of 1/3 costs a few ulps.
	y -= (y*y*y - a) / (3 * y * y)
	return Copysign(y, x)
}
