package main

import "fmt"

func generate(out chan<- int, n int) {
	for i := 1; i <= n; i++ {
		out <- i
	}
	close(out)
}

func square(in <-chan int, out chan<- int) {
	for v := range in {
		out <- v * v
	}
	close(out)
}

func main() {
	nums := make(chan int)
	squares := make(chan int)
	go generate(nums, 4)
	go square(nums, squares)
	var recvOnly <-chan int = squares
	for v := range recvOnly {
		fmt.Println(v)
	}
	fmt.Printf("%T %T\n", nums, recvOnly)
}
