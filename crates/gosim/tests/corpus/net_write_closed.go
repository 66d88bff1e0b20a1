package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:21107")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	c, _ := net.Dial("tcp", "127.0.0.1:21107")
	s, _ := ln.Accept()
	s.Close()
	buf := make([]byte, 4)
	n, err := c.Read(buf)
	fmt.Println("read after peer close:", n, err)
	// The first write goes out; the peer's kernel answers with a reset.
	n, err = c.Write([]byte("x"))
	fmt.Println("first write:", n, err)
	n, err = c.Write([]byte("y"))
	fmt.Println("second write:", n, strings.HasSuffix(err.Error(), "write: broken pipe"))
	n, err = c.Read(buf)
	fmt.Println("read:", n, err == io.EOF)
	c.Close()
	// Our own closed conn.
	n, err = c.Write([]byte("z"))
	fmt.Println("own closed:", n, errors.Is(err, net.ErrClosed), strings.HasSuffix(err.Error(), ": use of closed network connection"))
	n, err = c.Read(buf)
	fmt.Println("own closed read:", n, errors.Is(err, net.ErrClosed))
	err = c.Close()
	fmt.Println("close twice:", errors.Is(err, net.ErrClosed), err.(*net.OpError).Op)
}
