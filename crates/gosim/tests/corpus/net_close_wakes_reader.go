package main

import (
	"errors"
	"fmt"
	"net"
)

// Closing a conn wakes a goroutine parked in Read on it (pd.evict).
func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:21113")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	c, _ := net.Dial("tcp", "127.0.0.1:21113")
	s, _ := ln.Accept()
	done := make(chan error)
	go func() {
		buf := make([]byte, 8)
		_, err := c.Read(buf)
		done <- err
	}()
	go func() {
		fmt.Println("closing")
		c.Close()
	}()
	err = <-done
	fmt.Println("reader woke:", errors.Is(err, net.ErrClosed), err.(*net.OpError).Op)
	buf := make([]byte, 8)
	n, err := s.Read(buf)
	fmt.Println("server sees:", n, err)
	s.Close()
}
