package main

import (
	"fmt"
	"io"
	"net"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:21101")
	if err != nil {
		fmt.Println("listen:", err)
		return
	}
	fmt.Println("listening on", ln.Addr())
	done := make(chan bool)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			fmt.Println("accept:", err)
			return
		}
		fmt.Println("server: accepted, local", conn.LocalAddr())
		buf := make([]byte, 64)
		for {
			n, err := conn.Read(buf)
			if err == io.EOF {
				fmt.Println("server: client closed")
				break
			}
			fmt.Printf("server: read %q\n", buf[:n])
			conn.Write(buf[:n])
		}
		conn.Close()
		done <- true
	}()
	c, err := net.Dial("tcp", "127.0.0.1:21101")
	if err != nil {
		fmt.Println("dial:", err)
		return
	}
	fmt.Println("client: connected to", c.RemoteAddr())
	for _, msg := range []string{"hello", "gopher", "bye"} {
		c.Write([]byte(msg))
		reply := make([]byte, len(msg))
		if _, err := io.ReadFull(c, reply); err != nil {
			fmt.Println("client:", err)
		}
		fmt.Printf("client: echo %q\n", reply)
	}
	c.Close()
	<-done
	ln.Close()
	_, err = ln.Accept()
	fmt.Println(err)
}
