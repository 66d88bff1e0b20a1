// A goroutine panicking with an error value kills the program while main
// sleeps: its deferred call runs, the panic prints the Error() text and the
// exit status is 2.
package main

import (
	"fmt"
	"time"
)

type myErr struct{ code int }

func (e myErr) Error() string { return fmt.Sprint("code ", e.code) }

func main() {
	c := make(chan int)
	go func() {
		<-c
	}()
	go func() {
		defer fmt.Println("deferred in panicking goroutine")
		panic(myErr{7})
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("not reached")
}
