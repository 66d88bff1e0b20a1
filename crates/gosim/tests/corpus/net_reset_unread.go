package main

import (
	"errors"
	"fmt"
	"net"
	"os"
)

// Closing a socket with unread data sends a reset, not a FIN: the peer's
// read fails with "connection reset by peer", then its writes with EPIPE.
func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:21108")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	c, _ := net.Dial("tcp", "127.0.0.1:21108")
	s, _ := ln.Accept()
	c.Write([]byte("never read"))
	s.Close()
	buf := make([]byte, 4)
	n, err := c.Read(buf)
	var se *os.SyscallError
	errors.As(err, &se)
	fmt.Println(n, se)
	n, err = c.Write(buf)
	errors.As(err, &se)
	fmt.Println(n, se)
	c.Close()
}
