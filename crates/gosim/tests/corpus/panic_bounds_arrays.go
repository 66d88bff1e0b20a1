package main

import "fmt"

func try(name string, f func()) {
	defer func() {
		fmt.Println(name+":", recover())
	}()
	f()
}

func main() {
	var arr [4]int
	p := &arr
	i, j, k := 1, 6, -2
	try("array hi", func() { _ = arr[i:j] })
	try("array lo>hi", func() { _ = arr[3:i] })
	try("array neg", func() { _ = arr[k:] })
	try("array 3-index max", func() { _ = arr[0:1:j] })
	try("array 3-index hi>max", func() { _ = arr[0:3:i+1] })
	try("ptr hi", func() { _ = p[:j] })
	try("ptr lo", func() { _ = p[j-1:] })
	s := "héllo"
	try("string lo>hi", func() { _ = s[4:i] })
	b := make([]byte, 2, 8)
	try("slice within cap", func() { fmt.Println(len(b[:j]), cap(b[:j])) })
	try("slice past cap", func() { _ = b[:j+5] })
	try("slice 3-index", func() { _ = b[i:j:3] })
}
