package main

var a chan<- int
var b <-chan int
var c chan (<-chan int)
var d chan<- chan int
var e chan int

func main() {
	// In expressions: `make(<-chan int)` is a type, `<-ch` a receive.
	_ = make(<-chan int, 1)
	_ = <-<-chch
	_ = (<-chan chan int)(nil)
}
