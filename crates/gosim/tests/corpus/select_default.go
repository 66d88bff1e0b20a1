package main

import "fmt"

func trySend(ch chan int, v int) bool {
	select {
	case ch <- v:
		return true
	default:
		return false
	}
}

func tryRecv(ch chan int) (int, bool) {
	select {
	case v := <-ch:
		return v, true
	default:
		return 0, false
	}
}

func main() {
	ch := make(chan int, 2)
	fmt.Println(trySend(ch, 1), trySend(ch, 2), trySend(ch, 3))
	fmt.Println(tryRecv(ch))
	fmt.Println(tryRecv(ch))
	fmt.Println(tryRecv(ch))

	unbuf := make(chan int)
	fmt.Println("send with no receiver:", trySend(unbuf, 1))

	var nilch chan int
	select {
	case nilch <- 1:
		fmt.Println("impossible")
	case <-nilch:
		fmt.Println("impossible")
	default:
		fmt.Println("nil channels are never ready")
	}

	closed := make(chan int)
	close(closed)
	v, ok := tryRecv(closed)
	fmt.Println("closed channel is always ready:", v, ok)
}
