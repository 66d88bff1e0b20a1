// go-echo: the talk's goroutine-per-connection echo server, made to loop until the peer
// closes. It is the baseline epoll-echo is compared against (see ../compare.sh); it is built
// with a real Go toolchain and is not part of the Rust workspace.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"os"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:2334", "listen address")
	flag.Parse()

	listen, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Println("listen error: ", err)
		os.Exit(1)
	}
	defer listen.Close()
	fmt.Printf("go-echo listening on %s (pid %d)\n", listen.Addr(), os.Getpid())

	for {
		conn, err := listen.Accept()
		if err != nil {
			log.Println("accept error: ", err)
			continue
		}
		go echo(conn)
	}
}

// echo is the talk's handler with its single Read/Write turned into a loop.
func echo(conn net.Conn) {
	defer conn.Close()
	dt := make([]byte, 1024)
	for {
		// Blocks (parks the goroutine on pollDesc.rg) until data arrives.
		n, err := conn.Read(dt)
		if err != nil {
			return
		}
		// Blocks (parks on pollDesc.wg) while the connection is not writable.
		if _, err := conn.Write(dt[:n]); err != nil {
			return
		}
	}
}
