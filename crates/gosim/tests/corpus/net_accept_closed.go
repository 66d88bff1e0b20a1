package main

import (
	"errors"
	"fmt"
	"net"
)

// Closing a listener wakes the goroutine parked in Accept.
func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:21109")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ln.Addr().Network(), ln.Addr())
	done := make(chan error)
	go func() {
		_, err := ln.Accept()
		done <- err
	}()
	go func() {
		fmt.Println("closing the listener")
		ln.Close()
	}()
	err = <-done
	fmt.Println(err)
	fmt.Println("closed:", errors.Is(err, net.ErrClosed))
	fmt.Println("close again:", ln.Close())
	_, err = ln.Accept()
	fmt.Println(err)
}
