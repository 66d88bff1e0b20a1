// strconv.ParseFloat at its edges: signs, NaN and Inf spellings,
// underscores, hexadecimal mantissas with binary exponents, and bitSize 32
// (the result is rounded to float32 and range-checked as one). Hexadecimal
// float literals in source are checked alongside.
package main

import (
	"fmt"
	"strconv"
)

func main() {
	inputs := []string{
		"++1", "+-1", "-+1", "--1", "+", "-", "+nan", "-nan", "+NaN", "nan1",
		"Inf1", "in", "infinit", "+infinity", "-INFINITY", "infinityx",
		"1_0", "1__0", "_1", "1e1_0", "0_1.5",
		"0x1p-2", "0X1P+3", "-0x1.8p1", "0x.8p0", "0x1.p0", "0x1", "0x1p", "0xp1", "0x",
		"0x_1p0", "0x1_0p0", "0x_1_p0", "0x1.fffffffffffffp1023", "0x1p1024",
		"0x1p-1074", "0x1p-1075", "0x1.8p-1074", "0x1p-1080", "0x123456789abcdef0123p0",
		"0x1.0000000000000800000001p0", "0x1.00000000000008p0", "0x1.00000000000018p0",
		"1e", "1e+", "1.e5", "0.", "00012", "1e0000000000000001",
	}
	for _, s := range inputs {
		f, err := strconv.ParseFloat(s, 64)
		fmt.Printf("64 %q %v %v\n", s, f, err)
	}
	for _, s := range []string{
		"0.1", "1e39", "-1e39", "3.4028235e38", "3.4028236e38", "3.40282357e38", "1e-46",
		"1e-45", "16777217", "16777219", "0x1p128", "0x1.fffffep127", "0x1p-149",
		"0x1p-150", "0x1.8p-149", "nan", "-inf", "1.00000005960464477539062499",
		"1.000000059604644775390625", "1.000000059604644775390625000001",
	} {
		f, err := strconv.ParseFloat(s, 32)
		fmt.Printf("32 %q %v %v %v\n", s, f, float32(f), err)
	}
	// Any bitSize other than 32 means 64.
	for _, bits := range []int{0, 16, 33, 128} {
		f, err := strconv.ParseFloat("0.1", bits)
		fmt.Println(bits, f, err)
	}
	// Hexadecimal float literals.
	lits := []float64{0x1p-2, 0x1.8p1, 0X.8P0, 0x1_0p0, 0x1p-1074, 0x1.fffffffffffffp1023}
	fmt.Println(lits)
	const h = 0x1p100 / 0x1p98
	fmt.Println(h, float32(0x1p-149))
}
