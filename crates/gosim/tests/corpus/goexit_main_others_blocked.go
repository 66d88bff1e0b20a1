// main calls runtime.Goexit while another goroutine waits forever: the
// ordinary deadlock report, without main.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	ch := make(chan int)
	go func() {
		fmt.Println("waiting forever")
		<-ch
	}()
	defer fmt.Println("main deferred")
	runtime.Goexit()
}
