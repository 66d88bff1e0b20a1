// Decimal-to-float conversion at every place gosim does it: float literals
// (decimal and with underscores), constant arithmetic turned into float64,
// strconv.ParseFloat (syntax, range errors, rounding of halfway cases,
// subnormals, very long inputs) and the shortest formatting that checks
// its candidates by parsing them back.
package main

import (
	"fmt"
	"strconv"
	"strings"
)

func main() {
	// Literals.
	lits := []float64{
		0.1, 1e23, 8.5e22, 1_000.000_5, .5, 5., 1e-320, 4.9406564584124654e-324,
		2.4703282292062328e-324, 2.2250738585072011e-308, 2.2250738585072012e-308,
		1.7976931348623157e308, 9007199254740993, 9007199254740992.5,
		123456789012345678901234567890, 0.000000000000000000000000000001234,
	}
	for _, f := range lits {
		fmt.Println(f, strconv.FormatFloat(f, 'b', -1, 64))
	}
	var f32 float32 = 16777217
	var g32 float32 = 0.1
	fmt.Println(f32, g32, float32(3.4028235e38))

	// Constant arithmetic converted to float64.
	const third = 1.0 / 3
	const big = 1.5e30 * 1e5
	fmt.Println(third, big, float64(third*3), 7.0/10)

	// ParseFloat: syntax, specials and errors.
	for _, s := range []string{
		"1.5", "+1.5", "-0", "-0.0e-5", ".5", "5.", "1e", "e5", ".", "", "1e+05",
		"1E-3", "1.2.3", " 1", "1 ", "abc", "inf", "+Inf", "-Infinity", "INFINITY",
		"NaN", "nan", "1e400", "-1e400", "1e-400", "1.7976931348623159e308",
		"1.7976931348623158e308", "4.9406564584124654e-324", "2.4703282292062327e-324",
		"2.4703282292062328e-324", "1e99999999999999999999", "0e99999999999999999999",
	} {
		f, err := strconv.ParseFloat(s, 64)
		fmt.Printf("%q %v %v\n", s, f, err)
	}

	// Halfway between 1 and the next float64, and just either side.
	half := "1.00000000000000011102230246251565404236316680908203125"
	for _, s := range []string{half, half + "0000001", strings.TrimSuffix(half, "5") + "49999"} {
		f, err := strconv.ParseFloat(s, 64)
		fmt.Println(strconv.FormatFloat(f, 'b', -1, 64), err)
	}
	// Halfway above 2^53+2 rounds to even (up), above 2^53 (down).
	for _, s := range []string{"9007199254740993", "9007199254740995"} {
		f, _ := strconv.ParseFloat(s, 64)
		fmt.Printf("%.0f\n", f)
	}
	// Very long inputs.
	long := "0." + strings.Repeat("3", 1000)
	f, err := strconv.ParseFloat(long, 64)
	fmt.Println(f, err)
	tie := half + strings.Repeat("0", 1000) + "1"
	f, err = strconv.ParseFloat(tie, 64)
	fmt.Println(strconv.FormatFloat(f, 'b', -1, 64), err)
	f, err = strconv.ParseFloat("1"+strings.Repeat("0", 400)+"e-400", 64)
	fmt.Println(f, err)

	// Shortest formatting round-trips its candidates through the parser.
	for _, x := range []float64{0.3, 2.0 / 3, 1e21, 5e-324, 1.7976931348623157e308, 123456.789} {
		fmt.Println(x, strconv.FormatFloat(x, 'g', -1, 64), strconv.FormatFloat(x, 'e', -1, 32))
	}
	for _, x := range []float32{2328579.25, 0.1, 1e-45, 3.4028235e38, 16777216} {
		fmt.Println(x, strconv.FormatFloat(float64(x), 'g', -1, 32))
	}
}
