package main

import "fmt"

func main() {
	ch := make(chan string)
	done := make(chan struct{})
	go func() {
		for msg := range ch {
			fmt.Println("recv", msg)
		}
		fmt.Println("receiver done")
		close(done)
	}()
	for _, m := range []string{"a", "b", "c"} {
		fmt.Println("send", m)
		ch <- m
		fmt.Println("sent", m)
	}
	close(ch)
	<-done
}
