// Modelled on golang/go test/chan/zerosize.go (BSD-style licence); written independently for gosim's corpus.
//
// Channels of zero-size element types ([0]byte, struct{}, arrays of empty
// structs) can be made unbuffered and buffered, carry values, report len and
// cap, and close and drain like any other.
package main

import "fmt"

type empty struct{}

type wrapper struct {
	e [4]empty
	z [0]int
}

func main() {
	a := make(chan [0]byte)
	b := make(chan [0]byte, 3)
	c := make(chan struct{})
	d := make(chan struct{}, 1000)
	e := make(chan wrapper, 2)
	fmt.Println(len(a), cap(a), len(b), cap(b), len(c), cap(c), len(d), cap(d))

	for i := 0; i < 3; i++ {
		b <- [0]byte{}
	}
	for i := 0; i < 700; i++ {
		d <- struct{}{}
	}
	e <- wrapper{}
	fmt.Println("after sends:", len(b), len(d), len(e))

	go func() {
		c <- struct{}{}
		a <- [0]byte{}
		close(c)
	}()
	v := <-c
	fmt.Println("received", v, v == struct{}{})
	fmt.Printf("%v %T\n", <-a, [0]byte{})
	_, ok := <-c
	fmt.Println("after close ok =", ok)

	close(d)
	drained := 0
	for range d {
		drained++
	}
	fmt.Println("drained", drained, "len", len(d))

	w := <-e
	fmt.Printf("%v %+v %d\n", w, w, len(w.e))

	done := make(chan struct{})
	results := make(chan int, 5)
	for i := 0; i < 5; i++ {
		go func(i int) {
			<-done
			results <- i
		}(i)
	}
	close(done)
	sum := 0
	for i := 0; i < 5; i++ {
		sum += <-results
	}
	fmt.Println("broadcast by close woke all five, sum", sum)
}
