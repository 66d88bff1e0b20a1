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
func Mod(x, y float64) float64
func Inf(sign int) float64
func NaN() float64
func IsNaN(f float64) bool
func IsInf(f float64, sign int) bool
func Max(x, y float64) float64
func Min(x, y float64) float64
