package main

import "fmt"

type node struct {
	val  int
	next *node
}

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("%s: %v\n", name, r)
			if e, ok := r.(error); ok {
				fmt.Println("  is an error:", e.Error())
			}
		}
	}()
	f()
}

func main() {
	var n *node
	try("nil deref", func() { fmt.Println(n.val) })
	try("nil map", func() {
		var m map[int]int
		m[1] = 1
	})
	try("slice", func() {
		s := make([]int, 3)
		k := 3
		s[k] = 1
	})
	try("slice bounds", func() {
		s := []int{1, 2, 3}
		lo, hi := 2, 1
		fmt.Println(s[lo:hi])
	})
	try("conversion", func() {
		var x any = "str"
		fmt.Println(x.(int))
	})
	try("custom", func() { panic(fmt.Sprintf("bad value %d", 42)) })
	fmt.Println("done")
}
