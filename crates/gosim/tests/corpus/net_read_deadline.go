package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"time"
)

// A silent client: the server's read deadline expires on the virtual clock.
func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:21105")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	c, err := net.Dial("tcp", "127.0.0.1:21105")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	s, _ := ln.Accept()
	start := time.Now()
	s.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	buf := make([]byte, 8)
	n, err := s.Read(buf)
	waited := time.Since(start)
	fmt.Println("n:", n, "waited >= 50ms:", waited >= 50*time.Millisecond, "< 1s:", waited < time.Second)
	fmt.Println("deadline exceeded:", errors.Is(err, os.ErrDeadlineExceeded))
	var ne net.Error
	if errors.As(err, &ne) {
		fmt.Println("timeout:", ne.Timeout())
	}
	op := err.(*net.OpError)
	fmt.Println(op.Op, op.Net, op.Err)
	// The deadline stays passed until it is moved.
	n, err = s.Read(buf)
	fmt.Println("again:", n, errors.Is(err, os.ErrDeadlineExceeded))
	s.SetReadDeadline(time.Time{})
	c.Write([]byte("late"))
	n, err = s.Read(buf)
	fmt.Printf("cleared: %d %q %v\n", n, buf[:n], err)
	s.Close()
}
