package main

import "fmt"

const third = 1.0 / 3

func main() {
	var a float32 = 0.1
	var b float32 = 0.2
	fmt.Println(a+b, a*3, float32(0.1)+float32(0.2))
	const c float32 = 0.1
	fmt.Println(c+0.2, c*3, c/3)
	x := float32(third)
	fmt.Println(x, x*3, float64(x))
	var f32 float32 = 16777216
	fmt.Println(f32+1, f32+2)
	const big float32 = 16777216
	fmt.Println(big+1, big+1 == big)
	z := float32(0)
	fmt.Println(-z, -float32(0), -0.0, z == -z)
	var n float32 = -0.0
	fmt.Println(n)
	var d float64 = 0.1
	fmt.Println(float32(d)*float32(d), float32(0.1)*float32(0.1))
	fmt.Printf("%v %.10f %T\n", c*c, c*c, c*c)
	var sum float32
	for i := 0; i < 10; i++ {
		sum += 0.1
	}
	fmt.Println(sum, sum == 1)
}
