package main

import "fmt"

func try(name string, f func()) {
	defer func() {
		fmt.Println(name+":", recover())
	}()
	f()
}

func main() {
	s := []int{1, 2, 3}
	str := "hello"
	arr := [4]int{}
	neg, big := -1, 10
	try("index", func() { _ = s[neg] })
	try("index big", func() { _ = s[big] })
	try("string index", func() { _ = str[neg] })
	try("array index", func() { _ = arr[neg+big-20] })
	try("slice hi", func() { _ = s[:neg] })
	try("slice lo", func() { _ = s[neg:] })
	try("slice both", func() { _ = s[neg:big] })
	try("slice lo>hi", func() { lo := 2; _ = s[lo:1:3][0:0] ; _ = s[lo:neg+2] })
	try("3-index max", func() { _ = s[0:1:neg] })
	try("3-index hi", func() { _ = s[0:neg:2] })
	try("3-index lo", func() { _ = s[neg:1:2] })
	try("3-index lo>hi", func() { lo := 2; _ = s[lo:1:2] })
	try("string hi", func() { _ = str[:neg] })
	try("string lo", func() { _ = str[neg:] })
	try("string big", func() { _ = str[:big] })
}
