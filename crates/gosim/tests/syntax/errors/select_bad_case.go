package main

func main() {
	var ch chan int
	select {
	case 1:
	case ch:
	}
}
