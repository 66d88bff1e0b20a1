package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

type slowReader struct {
	s string
}

func (r *slowReader) Read(p []byte) (int, error) {
	if len(r.s) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:1], r.s)
	r.s = r.s[n:]
	return n, nil
}

func main() {
	data, err := io.ReadAll(strings.NewReader("hello, reader"))
	fmt.Printf("%q %v\n", data, err)
	data, err = io.ReadAll(&slowReader{"byte by byte"})
	fmt.Printf("%q %v\n", data, err)

	r := strings.NewReader("abcdef")
	buf := make([]byte, 4)
	n, err := io.ReadFull(r, buf)
	fmt.Println(n, err, string(buf[:n]), r.Len())
	n, err = io.ReadFull(r, buf)
	fmt.Println(n, err, errors.Is(err, io.ErrUnexpectedEOF))
	n, err = io.ReadFull(r, buf)
	fmt.Println(n, err, err == io.EOF)

	var b bytes.Buffer
	written, err := io.Copy(&b, strings.NewReader("copied text"))
	fmt.Println(written, err, b.String())
	written, err = io.Copy(os.Stdout, &slowReader{"to stdout\n"})
	fmt.Println(written, err)

	sr := strings.NewReader("one\ntwo")
	for {
		c, err := sr.ReadByte()
		if err != nil {
			fmt.Println(err, sr.Len())
			break
		}
		fmt.Printf("%q ", c)
	}
	fmt.Println(sr.UnreadByte(), sr.Len())
	rr := strings.NewReader("héllo")
	for {
		ch, size, err := rr.ReadRune()
		if err == io.EOF {
			break
		}
		fmt.Print(string(ch), size, " ")
	}
	fmt.Println()
	fmt.Println(io.EOF, io.ErrUnexpectedEOF)
	var rd io.Reader = os.Stdin
	n, err = rd.Read(buf)
	fmt.Println(n, err)
}
