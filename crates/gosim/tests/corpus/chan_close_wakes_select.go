// Closing a channel wakes every goroutine blocked on it, including
// goroutines parked in a select that also waits on other channels; each
// gets the zero value and ok == false, and their other cases are
// abandoned (later sends on those channels find no receiver).
package main

import (
	"fmt"
	"runtime"
)

func main() {
	quit := make(chan struct{})
	work := make(chan int)
	other := make(chan int)
	results := make(chan string, 10)

	for i := 0; i < 3; i++ {
		go func(id int) {
			select {
			case v, ok := <-work:
				results <- fmt.Sprint(id, ": work ", v, ok)
			case _, ok := <-quit:
				results <- fmt.Sprint(id, ": quit ok=", ok)
			case v := <-other:
				results <- fmt.Sprint(id, ": other ", v)
			}
		}(i)
	}
	go func() {
		v, ok := <-quit
		results <- fmt.Sprint("plain receiver: ", v, ok)
	}()
	runtime.Gosched()
	fmt.Println("goroutines parked:", runtime.NumGoroutine()-1)

	close(quit)
	seen := map[string]bool{}
	for i := 0; i < 4; i++ {
		seen[<-results] = true
	}
	for _, line := range []string{"0: quit ok=false", "1: quit ok=false", "2: quit ok=false", "plain receiver: {} false"} {
		fmt.Println(line, seen[line])
	}

	select {
	case work <- 1:
		fmt.Println("a woken select still took work")
	case other <- 2:
		fmt.Println("a woken select still took other")
	default:
		fmt.Println("nobody left waiting on work or other")
	}
	fmt.Println("goroutines left:", runtime.NumGoroutine())
}
