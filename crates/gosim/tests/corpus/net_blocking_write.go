package main

import (
	"fmt"
	"io"
	"net"
)

// A write bigger than the socket buffers completes only as the reader
// drains them: the writer parks in IO wait in between.
func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:21111")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	const size = 1 << 20
	done := make(chan bool)
	go func() {
		c, err := net.Dial("tcp", "127.0.0.1:21111")
		if err != nil {
			fmt.Println(err)
			return
		}
		data := make([]byte, size)
		for i := 0; i < size; i += 4096 {
			data[i] = byte(i / 4096)
		}
		n, err := c.Write(data)
		fmt.Println("writer: wrote", n, err)
		c.Close()
		done <- true
	}()
	s, _ := ln.Accept()
	var sum, total int
	buf := make([]byte, 4096)
	for {
		n, err := s.Read(buf)
		// Chunk sizes differ between runs: sample by stream position.
		for p := (total + 4095) / 4096 * 4096; p < total+n; p += 4096 {
			sum += int(buf[p-total])
		}
		total += n
		if err == io.EOF {
			break
		}
	}
	<-done
	fmt.Println("reader: got", total, "bytes, checksum", sum)
	s.Close()
}
