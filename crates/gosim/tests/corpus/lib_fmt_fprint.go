package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

type upperWriter struct {
	w io.Writer
	n int
}

func (u *upperWriter) Write(p []byte) (int, error) {
	u.n += len(p)
	return u.w.Write([]byte(strings.ToUpper(string(p))))
}

type failWriter struct{}

func (failWriter) Write(p []byte) (int, error) { return 0, errors.New("disk full") }

func main() {
	fmt.Fprintln(os.Stdout, "to stdout", 1, 2.5)
	fmt.Fprintf(os.Stdout, "%s=%d\n", "x", 42)
	fmt.Fprint(os.Stdout, "no newline", 3, "\n")
	n, err := fmt.Fprintln(os.Stderr, "to stderr")
	fmt.Println(n, err)

	var sb strings.Builder
	fmt.Fprintf(&sb, "%d-%d", 1, 2)
	sb.WriteString("!")
	fmt.Println(sb.String(), sb.Len())

	var buf bytes.Buffer
	fmt.Fprintln(&buf, "line one")
	fmt.Fprintf(&buf, "line %s\n", "two")
	fmt.Print(buf.String())

	u := &upperWriter{w: os.Stdout}
	fmt.Fprintln(u, "shout", true)
	fmt.Println(u.n)

	n, err = fmt.Fprintf(failWriter{}, "x")
	fmt.Println(n, err)

	io.WriteString(os.Stdout, "io.WriteString\n")
	os.Stdout.WriteString("os.Stdout.WriteString\n")
	os.Stdout.Write([]byte("os.Stdout.Write\n"))
	w := io.MultiWriter(os.Stdout, &buf)
	fmt.Fprintln(w, "both")
	fmt.Printf("%q\n", buf.String())
	fmt.Fprintln(io.Discard, "nothing")
	b := fmt.Appendf(nil, "%03d", 7)
	b = fmt.Append(b, " ", 8)
	b = fmt.Appendln(b, "!")
	fmt.Printf("%q\n", b)
	fmt.Println(len(os.Args), os.Stdout.Name(), os.Stderr.Name())
}
