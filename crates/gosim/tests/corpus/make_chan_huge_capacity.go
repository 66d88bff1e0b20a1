// make(chan T, n) accepts any capacity whose buffer fits under the largest
// allocation (its elements times their size), not a fixed count: the
// buffer is not touched until values are sent.
package main

import "fmt"

func try(name string, f func() int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("%s: %v (%T)\n", name, r, r)
		}
	}()
	fmt.Printf("%s: cap %d\n", name, f())
}

func main() {
	n := 1 << 31
	try("byte 2^31", func() int { return cap(make(chan byte, n)) })
	try("int 2^45", func() int { return cap(make(chan int, n<<14)) })
	try("byte 2^48", func() int { return cap(make(chan byte, n<<17)) })
	try("struct{} 2^62", func() int { return cap(make(chan struct{}, n<<31)) })
	try("[2]int64 2^44", func() int { return cap(make(chan [2]int64, n<<13)) })
	m := -1
	try("negative", func() int { return cap(make(chan int, m)) })
	c := make(chan string, n>>11)
	c <- "a"
	c <- "b"
	fmt.Println(len(c), cap(c), <-c, len(c))
}
