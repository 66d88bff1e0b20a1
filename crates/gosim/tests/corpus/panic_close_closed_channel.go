package main

import "fmt"

func main() {
	ch := make(chan struct{})
	close(ch)
	fmt.Println("closed once")
	close(ch)
}
