package main

import (
	"bytes"
	"fmt"
	"io"
)

func main() {
	var b bytes.Buffer
	b.WriteString("hello")
	b.WriteByte(' ')
	b.WriteRune('世')
	b.Write([]byte("!\nsecond line\n"))
	fmt.Println(b.Len(), b.String())
	line, err := b.ReadString('\n')
	fmt.Printf("%q %v %d\n", line, err, b.Len())
	c, _ := b.ReadByte()
	fmt.Println(string(c))
	rest := make([]byte, 3)
	n, _ := b.Read(rest)
	fmt.Println(n, string(rest))
	fmt.Printf("%q\n", b.Next(2))
	line, err = b.ReadString('\n')
	fmt.Printf("%q %v\n", line, err)
	n, err = b.Read(rest)
	fmt.Println(n, err == io.EOF)

	nb := bytes.NewBufferString("abc")
	nb.Truncate(2)
	fmt.Println(nb.String())
	nb.Reset()
	fmt.Println(nb.Len(), nb.String() == "")
	var nilBuf *bytes.Buffer
	fmt.Println(nilBuf.String())

	x := []byte("  Hello, World  ")
	fmt.Printf("%q\n", bytes.TrimSpace(x))
	fmt.Println(bytes.Contains(x, []byte("World")), bytes.Index(x, []byte("o")), bytes.HasPrefix(x, []byte("  H")))
	fmt.Println(bytes.Equal([]byte("a"), []byte("a")), bytes.Compare([]byte("a"), []byte("b")))
	fmt.Printf("%s\n", bytes.ToUpper(x))
	fmt.Printf("%q\n", bytes.Split([]byte("a,b,c"), []byte(",")))
	fmt.Printf("%q\n", bytes.Fields([]byte(" x  y z ")))
	fmt.Printf("%s\n", bytes.Join([][]byte{[]byte("1"), []byte("2")}, []byte("+")))
	before, after, found := bytes.Cut([]byte("key=value"), []byte("="))
	fmt.Printf("%s %s %v\n", before, after, found)
	fmt.Println(bytes.IndexByte([]byte("abc"), 'c'), bytes.Count([]byte("cheese"), []byte("e")))

	var out bytes.Buffer
	src := bytes.NewBufferString("drained")
	m, err := out.ReadFrom(src)
	fmt.Println(m, err, out.String(), src.Len())
}
