// Labelled continue and break out of nested ranges over generator channels;
// the abandoned generators stay blocked on their sends when main returns.
package main

import "fmt"

func gen(n int) <-chan int {
	c := make(chan int)
	go func() {
		defer close(c)
		for i := 0; i < n; i++ {
			c <- i
		}
	}()
	return c
}

func main() {
	total := 0
outer:
	for i := range gen(4) {
		for j := range gen(5) {
			if j > i {
				continue outer
			}
			if i == 3 && j == 2 {
				break outer
			}
			total += i*10 + j
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()
	fmt.Println("total", total)
	// The abandoned generators are still blocked on their sends.
}
