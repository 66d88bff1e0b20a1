// Modelled on golang/go test/chan/select6.go (BSD-style licence); written independently for gosim's corpus.
//
// A select that waits on a channel other goroutines also wait on, and loses
// to another case, must take itself off that channel's wait queue cleanly:
// later receivers queued on the same channel must still be woken, in order.
package main

import "fmt"

func main() {
	shared := make(chan int)
	other := make(chan int)
	done := make(chan string, 8)

	go func() { done <- fmt.Sprint("plain receiver got ", <-shared) }()
	go func() {
		select {
		case v := <-shared:
			done <- fmt.Sprint("select took shared ", v)
		case v := <-other:
			done <- fmt.Sprint("select took other ", v)
		}
		done <- fmt.Sprint("after select got ", <-shared)
	}()
	go func() { done <- fmt.Sprint("second receiver got ", <-shared) }()
	go func() { other <- 7 }()

	fmt.Println(<-done)
	for v := 1; v <= 3; v++ {
		shared <- v
		fmt.Println(<-done)
	}
	fmt.Println("all three woken")
}
