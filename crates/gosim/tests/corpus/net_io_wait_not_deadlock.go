package main

import (
	"fmt"
	"net"
	"os"
	"time"
)

// A goroutine parked in Accept is in the netpoller, not deadlocked: the
// main goroutine's sleep still ends, and the program exits normally.
func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:21114")
	if err != nil {
		fmt.Println(err)
		return
	}
	go func() {
		c, err := ln.Accept()
		fmt.Println("accepted", c != nil, err)
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("main still runs")
	os.Exit(0)
}
