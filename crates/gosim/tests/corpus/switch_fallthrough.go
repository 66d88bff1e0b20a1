package main

import "fmt"

func classify(n int) string {
	switch {
	case n < 0:
		return "negative"
	case n == 0:
		return "zero"
	case n < 10:
		return "small"
	default:
		return "large"
	}
}

func main() {
	for _, n := range []int{-5, 0, 7, 42} {
		fmt.Println(n, classify(n))
	}
	for i := 0; i < 3; i++ {
		switch i {
		case 0:
			fmt.Print("zero ")
			fallthrough
		case 1:
			fmt.Print("zero-or-one ")
		case 2, 3:
			fmt.Print("two-or-three ")
		}
	}
	fmt.Println()
	switch x := 5; {
	case x > 3:
		fmt.Println("x > 3")
		fallthrough
	case x > 100:
		fmt.Println("fell into x > 100")
	default:
		fmt.Println("default")
	}
	switch s := "go"; s {
	case "rust":
		fmt.Println("rust")
	default:
		fmt.Println("default for", s)
	}
}
