// Constants that do not fit their destination, with the messages go build
// gives: float overflow in assignments and conversions, floats headed for
// integer types (always "truncated"), integer conversions that overflow,
// and how each constant's value is printed.
package main

const f64 float64 = 1e9

func main() {
	var a float64 = 1e400
	b := float32(1e39)
	var c int8 = 1e3
	var d int = 0x10p0 / 3
	var e float64 = 1e400 / 1e399 * 1e308
	_ = int8(300)
	_ = uint8(1e3)
	_ = int64(1e19 + 0.5)
	var _ int8 = f64
	_, _, _, _, _ = a, b, c, d, e
}
