package main

import "fmt"

type config struct {
	Name    string
	Port    int
	Debug   bool
	Tags    []string
	Limits  map[string]int
	Parent  *config
	Timeout float64
}

func main() {
	var i int
	var s string
	var b bool
	var f float64
	var sl []int
	var m map[string]int
	var p *int
	var e error
	var a any
	var arr [3]string
	var ch chan int
	fmt.Println(i, s, b, f, sl, m, p, e, a, arr, ch)
	fmt.Printf("%q %v %d %t\n", s, sl == nil, len(m), p == nil)
	var c config
	fmt.Printf("%v\n%+v\n", c, c)
	fmt.Println(len(arr), arr[0] == "", sl[:0] == nil)
}
