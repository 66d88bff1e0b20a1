// Modelled on golang/go test/chan/perm.go (BSD-style licence); written independently for gosim's corpus.
//
// Direction and non-channel errors through named channel types, in
// statements and in select cases, up to go build's ten-error limit.
package main

type C chan<- int
type R <-chan string

func main() {
	var c C = make(chan int)
	var r R = make(chan string)
	x := 3
	<-c
	r <- "a"
	<-x
	x <- 1
	for range c {
	}
	for v := range r {
		_ = v
	}
	select {
	case v := <-c:
		_ = v
	case r <- "b":
	case <-x:
	}
	close(r)
	close(x)
	_ = <-c + 1
}
