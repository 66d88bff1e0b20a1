package main

import "fmt"

func main() {
	chans := []chan int{make(chan int, 1), make(chan int, 1), make(chan int, 1)}
	counts := make([]int, 3)
	for i := 0; i < 3000; i++ {
		for _, c := range chans {
			if len(c) == 0 {
				c <- 1
			}
		}
		select {
		case <-chans[0]:
			counts[0]++
		case <-chans[1]:
			counts[1]++
		case <-chans[2]:
			counts[2]++
		}
	}
	for i, n := range counts {
		fmt.Println(i, n > 800 && n < 1200)
	}
	// A send case and a receive case both ready.
	in := make(chan int, 1)
	out := make(chan int, 1)
	in <- 1
	sends, recvs := 0, 0
	for i := 0; i < 1000; i++ {
		select {
		case v := <-in:
			recvs++
			in <- v
		case out <- i:
			sends++
			<-out
		}
	}
	fmt.Println(sends > 400, recvs > 400)
}
