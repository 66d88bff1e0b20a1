package main

import (
	"fmt"
	"io"
	"net"
)

// A reader with a 3-byte buffer sees a 10-byte message in pieces; after
// the writer closes it reads io.EOF.
func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:21103")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	go func() {
		c, err := net.Dial("tcp", "127.0.0.1:21103")
		if err != nil {
			fmt.Println(err)
			return
		}
		c.Write([]byte("0123456789"))
		c.Close()
	}()
	conn, err := ln.Accept()
	if err != nil {
		fmt.Println(err)
		return
	}
	buf := make([]byte, 3)
	total := 0
	for {
		n, err := conn.Read(buf)
		total += n
		fmt.Printf("n=%d %q err=%v\n", n, buf[:n], err)
		if err == io.EOF {
			break
		}
	}
	fmt.Println("total", total)
	n, err := conn.Read(buf)
	fmt.Println("again:", n, err)
	conn.Close()
}
