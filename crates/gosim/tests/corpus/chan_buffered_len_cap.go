package main

import "fmt"

func main() {
	ch := make(chan string, 3)
	fmt.Println(len(ch), cap(ch))
	ch <- "a"
	ch <- "b"
	fmt.Println(len(ch), cap(ch))
	fmt.Println(<-ch)
	ch <- "c"
	ch <- "d"
	fmt.Println(len(ch), cap(ch))
	for len(ch) > 0 {
		fmt.Print(<-ch, " ")
	}
	fmt.Println()

	unbuf := make(chan int)
	fmt.Println(len(unbuf), cap(unbuf))
	var nilch chan int
	fmt.Println(len(nilch), cap(nilch), nilch == nil)
}
