// Untyped constants are exact, as in Go: products, quotients and sums of
// float constants round only when they become float64 or float32, so
// intermediate values far outside float64's range are fine.
package main

import (
	"fmt"
	"math"
)

const third = 1.0 / 3
const huge = 1 << 100
const tiny = 1e-400

func main() {
	fmt.Println(1e300*1e5/1e10, third*3 == 1, huge>>98, tiny*1e400)
	fmt.Println(0.1+0.2 == 0.3, 2.0/3*3, float32(1.0/3), 1e1000/1e999)
	fmt.Println(math.MaxFloat64*2/4, math.Pi/2*2 == math.Pi, 7.0/2, 1/3.0+1/3.0+1/3.0 == 1)
	var x float64 = 1e308 * 10 / 100
	var y float32 = 1.000000059604644775390625000001
	const z float32 = 16777217
	fmt.Println(x, y, z, float32(0x1p-149), 0x1.8p1*third)
	// Comparisons are exact too.
	fmt.Println(1e400 > 1e399, -1e-400 < 0, 0.3 == 3e-1, 1.0000000000000000000001 > 1)
}
