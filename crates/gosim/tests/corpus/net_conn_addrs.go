package main

import (
	"fmt"
	"net"
	"time"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:21112")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	c, _ := net.Dial("tcp", "localhost:21112")
	s, _ := ln.Accept()
	fmt.Println("client remote:", c.RemoteAddr(), c.RemoteAddr().Network())
	fmt.Println("server local:", s.LocalAddr())
	// The ephemeral port is the kernel's choice: compare, do not print.
	fmt.Println("pair:", c.LocalAddr().String() == s.RemoteAddr().String())
	tc := c.(*net.TCPConn)
	fmt.Println(tc.SetDeadline(time.Now().Add(time.Second)) == nil)
	host, port, err := net.SplitHostPort(s.LocalAddr().String())
	fmt.Println(host, port, err)
	fmt.Println(net.JoinHostPort("::1", "80"))
	c.Close()
	s.Close()
	fmt.Println(c.SetReadDeadline(time.Time{}) != nil)
}
