package main

import (
	"fmt"
	"math"
)

func main() {
	nan := math.NaN()
	z := 0.0
	nz := math.Copysign(0, -1)
	fmt.Println(min(3, nan), min(nan, 1), max(nan, 1), max(1, nan, 2))
	fmt.Println(min(z, nz), min(nz, z), max(z, nz), max(nz, z))
	fmt.Println(math.Min(z, nz), math.Max(nz, z), math.Min(1, 2), math.Max(1, 2))
	var f32 float32 = 1.5
	fmt.Println(min(f32, 2), max(f32, 2, 0.5), min(1, 2, -3), max("a", "b"))
}
