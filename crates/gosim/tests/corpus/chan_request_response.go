// A server goroutine owns its state and answers requests that carry their
// own reply channel; a quit channel with a done acknowledgement stops it.
package main

import "fmt"

type request struct {
	op    string
	key   string
	value int
	reply chan<- int
}

func server(reqs <-chan request, quit <-chan chan<- string) {
	store := map[string]int{}
	served := 0
	for {
		select {
		case r := <-reqs:
			served++
			switch r.op {
			case "set":
				store[r.key] = r.value
				r.reply <- r.value
			case "add":
				store[r.key] += r.value
				r.reply <- store[r.key]
			case "get":
				r.reply <- store[r.key]
			}
		case ack := <-quit:
			ack <- fmt.Sprint("served ", served, " requests, ", len(store), " keys")
			return
		}
	}
}

func main() {
	reqs := make(chan request)
	quit := make(chan chan<- string)
	go server(reqs, quit)

	call := func(op, key string, v int) int {
		reply := make(chan int)
		reqs <- request{op, key, v, reply}
		return <-reply
	}
	fmt.Println(call("set", "a", 10))
	fmt.Println(call("add", "a", 5))
	fmt.Println(call("add", "b", 3))

	// Many clients at once; each waits only for its own reply.
	done := make(chan int)
	for i := 1; i <= 20; i++ {
		go func(i int) {
			done <- call("add", "total", i)
		}(i)
	}
	max := 0
	for i := 0; i < 20; i++ {
		if v := <-done; v > max {
			max = v
		}
	}
	fmt.Println("largest running total seen:", max, "final:", call("get", "total", 0))

	ack := make(chan string)
	quit <- ack
	fmt.Println(<-ack)
}
