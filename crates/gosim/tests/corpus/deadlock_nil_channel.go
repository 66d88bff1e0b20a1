package main

import "fmt"

func main() {
	var ch chan int
	go func() {
		fmt.Println("receiving from nil")
		<-ch
	}()
	fmt.Println("sending to nil")
	ch <- 1
}
