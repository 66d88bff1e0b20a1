package main

import "fmt"

func main() {
	fmt.Println(0.1+0.2, 1.0, 3.0/2, 1e6, 1e21, 123456789.0, 1e-5)
	var f float64 = 7
	neg := -3.9
	fmt.Println(f/2, int(f/2), int(neg), float64(3)/2)
	fmt.Printf("%.3f %6.2f|%-8.1f|%v\n", 2.0/3, 3.14159, 2.5, 100.0)
	x := 0.0
	fmt.Println(1/x, -1/x, x/x == x/x)
	var total float64
	for i := 0; i < 10; i++ {
		total += 0.1
	}
	fmt.Println(total, total == 1.0)
	fmt.Println(5/2, 5.0/2, 1/3.0)
}
