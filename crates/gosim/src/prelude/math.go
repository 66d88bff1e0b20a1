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
func Sin(x float64) float64
func Cos(x float64) float64
func Tan(x float64) float64
func Asin(x float64) float64
func Acos(x float64) float64
func Atan(x float64) float64
func Atan2(y, x float64) float64
func Sinh(x float64) float64
func Cosh(x float64) float64
func Tanh(x float64) float64
func Cbrt(x float64) float64
func Log1p(x float64) float64
func Expm1(x float64) float64
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
