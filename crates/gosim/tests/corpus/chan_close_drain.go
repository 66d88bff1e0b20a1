package main

import "fmt"

func main() {
	ch := make(chan int, 4)
	ch <- 1
	ch <- 2
	ch <- 3
	close(ch)
	fmt.Println("len after close:", len(ch))
	for i := 0; i < 5; i++ {
		v, ok := <-ch
		fmt.Println(v, ok)
	}
	fmt.Println(<-ch)

	done := make(chan struct{})
	finished := make(chan bool)
	for i := 0; i < 3; i++ {
		go func() {
			<-done
			finished <- true
		}()
	}
	close(done)
	for i := 0; i < 3; i++ {
		<-finished
	}
	fmt.Println("close woke every waiter")
}
