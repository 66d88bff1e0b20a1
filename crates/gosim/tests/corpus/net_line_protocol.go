package main

import (
	"bufio"
	"fmt"
	"net"
	"strings"
)

// A line protocol: the server answers each command line with one line.
func serve(conn net.Conn, done chan<- int) {
	defer conn.Close()
	sc := bufio.NewScanner(conn)
	count := 0
	for sc.Scan() {
		line := sc.Text()
		count++
		switch {
		case strings.HasPrefix(line, "UPPER "):
			fmt.Fprintf(conn, "%s\n", strings.ToUpper(line[6:]))
		case line == "QUIT":
			conn.Write([]byte("BYE\n"))
			done <- count
			return
		default:
			conn.Write([]byte("ERR unknown command\n"))
		}
	}
	done <- count
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:21102")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	done := make(chan int)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			fmt.Println(err)
			return
		}
		serve(c, done)
	}()
	c, err := net.Dial("tcp", "127.0.0.1:21102")
	if err != nil {
		fmt.Println(err)
		return
	}
	r := bufio.NewReader(c)
	for _, cmd := range []string{"UPPER hello, gopher", "PING", "UPPER two\nUPPER lines", "QUIT"} {
		c.Write([]byte(cmd + "\n"))
		for i := 0; i <= strings.Count(cmd, "\n"); i++ {
			line, err := r.ReadString('\n')
			fmt.Printf("%q -> %q %v\n", cmd, line, err)
		}
	}
	fmt.Println("server saw", <-done, "lines")
	line, err := r.ReadString('\n')
	fmt.Printf("after QUIT: %q %v\n", line, err)
}
