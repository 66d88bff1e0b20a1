// lang: 1.21
package main

import "fmt"

// Floats as panic values: Go 1.21's runtime printed them like print()
// (+1.500000e+000), later toolchains print the shortest decimal.

type F float64

func try(v any) {
	defer func() { fmt.Println("recovered:", recover()) }()
	panic(v)
}

func main() {
	try(1.5)
	defer func() {
		recover()
		panic(float32(0.1))
	}()
	panic(F(-2.25))
}
