// lang: 1.21
package main

import "fmt"

// Countdown is an iterator: Go 1.23 can range over it; Go 1.21 cannot.
func Countdown(yield func(int) bool) {
	for i := 3; i > 0; i-- {
		if !yield(i) {
			return
		}
	}
}

func Max[T int | float64](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func main() {
	fmt.Println(Max(2, 3.5))
	for i := range Countdown {
		fmt.Println(i)
	}
}
