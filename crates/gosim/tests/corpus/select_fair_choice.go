package main

import "fmt"

func main() {
	// Both cases are always ready: Go picks uniformly at random, so each
	// is taken about half the time.
	a := make(chan int, 1)
	b := make(chan int, 1)
	na, nb := 0, 0
	for i := 0; i < 1000; i++ {
		a <- 1
		b <- 1
		select {
		case <-a:
			na++
			<-b
		case <-b:
			nb++
			<-a
		}
	}
	fmt.Println(na > 350, nb > 350, na+nb)

	// A for-select whose first case is always ready still sees its quit
	// case: a first-ready policy would spin forever here.
	work := make(chan int, 1)
	quit := make(chan struct{})
	close(quit)
	for {
		select {
		case work <- 1:
			<-work
			continue
		case <-quit:
		}
		break
	}
	fmt.Println("quit seen")
}
