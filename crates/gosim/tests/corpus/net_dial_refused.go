package main

import (
	"errors"
	"fmt"
	"net"
	"os"
)

func main() {
	_, err := net.Dial("tcp", "127.0.0.1:9")
	fmt.Println(err)
	var op *net.OpError
	if errors.As(err, &op) {
		fmt.Println("op:", op.Op, "net:", op.Net, "addr:", op.Addr, "source nil:", op.Source == nil)
		var se *os.SyscallError
		fmt.Println("syscall error:", errors.As(op.Err, &se), se.Syscall)
	}
	_, err = net.Dial("tcp", "127.0.0.1:21104")
	fmt.Println(err)
	_, err = net.Dial("tcp", "nonsense")
	fmt.Println(err)
	ln, _ := net.Listen("tcp", "127.0.0.1:21104")
	_, err = net.Listen("tcp", "127.0.0.1:21104")
	fmt.Println(err)
	ln.Close()
	_, err = net.Dial("tcp", "127.0.0.1:21104")
	fmt.Println("after close:", err)
}
