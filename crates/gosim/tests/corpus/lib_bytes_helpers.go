package main

import (
	"bytes"
	"fmt"
)

func main() {
	b := []byte("prefix:Hello, Gopher!:suffix")
	b = bytes.TrimPrefix(b, []byte("prefix:"))
	b = bytes.TrimSuffix(b, []byte(":suffix"))
	fmt.Printf("%s\n", b)
	fmt.Println(bytes.EqualFold([]byte("Go"), []byte("GO")), bytes.ContainsAny(b, "xyz!"), bytes.ContainsRune(b, 'G'))
	fmt.Printf("%s\n", bytes.Repeat([]byte("ab"), 3))
	fmt.Printf("%s\n", bytes.ReplaceAll(b, []byte("o"), []byte("0")))
	fmt.Println(bytes.LastIndex(b, []byte("o")), bytes.IndexRune(b, 'G'), bytes.HasSuffix(b, []byte("!")))
	c := bytes.Clone(b)
	c[0] = 'J'
	fmt.Printf("%s %s\n", b, c)
	fmt.Printf("%q\n", bytes.Trim([]byte("xxhixx"), "x"))
	fmt.Printf("%s\n", bytes.ToLower([]byte("MiXeD")))
	fmt.Println(bytes.Equal(nil, []byte{}), bytes.Compare(nil, []byte("a")), bytes.Clone(nil) == nil)
	var buf bytes.Buffer
	buf.Grow(64)
	fmt.Println(buf.Len(), buf.Cap() >= 64)
	buf.WriteString("abc")
	fmt.Println(buf.Available() >= 61, string(buf.Bytes()))
}
