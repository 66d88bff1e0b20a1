package main

import (
	"fmt"
	"io"
	"net"
)

// The server hangs up after one message; the client reads what was sent,
// then EOF, and its further reads keep returning EOF.
func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:21106")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	go func() {
		s, err := ln.Accept()
		if err != nil {
			return
		}
		s.Write([]byte("only this"))
		s.Close()
	}()
	c, err := net.Dial("tcp", "127.0.0.1:21106")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	data, err := io.ReadAll(c)
	fmt.Printf("%q %v\n", data, err)
	buf := make([]byte, 4)
	n, err := c.Read(buf)
	fmt.Println(n, err, err == io.EOF)
	var full [4]byte
	n, err = io.ReadFull(c, full[:])
	fmt.Println(n, err)
}
