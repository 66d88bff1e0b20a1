package main

import (
	"fmt"
	"net"
	"sort"
	"strings"
	"sync"
)

// One goroutine per connection, as in the talk; the clients' answers are
// collected and sorted so the output does not depend on their order.
func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:21110")
	if err != nil {
		fmt.Println(err)
		return
	}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				fmt.Println("accept loop ends:", err)
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				buf := make([]byte, 32)
				n, err := c.Read(buf)
				if err != nil {
					return
				}
				c.Write([]byte(strings.ToUpper(string(buf[:n]))))
			}(conn)
		}
	}()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var got []string
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, err := net.Dial("tcp", "127.0.0.1:21110")
			if err != nil {
				fmt.Println(err)
				return
			}
			defer c.Close()
			fmt.Fprintf(c, "client %d", i)
			buf := make([]byte, 32)
			n, _ := c.Read(buf)
			mu.Lock()
			got = append(got, string(buf[:n]))
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	sort.Strings(got)
	fmt.Println(strings.Join(got, "\n"))
	ln.Close()
}
