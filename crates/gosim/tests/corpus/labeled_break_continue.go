package main

import "fmt"

func main() {
outer:
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			if j == 2 {
				continue outer
			}
			if i == 3 {
				break outer
			}
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()

	ch := make(chan int, 10)
	for i := 0; i < 10; i++ {
		ch <- i
	}
	close(ch)
recv:
	for {
		select {
		case v := <-ch:
			if v == 4 {
				break recv
			}
			fmt.Print(v, " ")
		}
	}
	fmt.Println("| left:", len(ch))

	count := 0
loop:
	for i := 0; ; i++ {
		switch {
		case i%2 == 0:
			continue loop
		case i > 7:
			break loop
		}
		count++
	}
	fmt.Println("odd numbers below 8:", count)
}
