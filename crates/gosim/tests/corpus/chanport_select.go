// Modelled on golang/go test/chan/select.go (BSD-style licence); written independently for gosim's corpus.
//
// A for-select with a default case fills two one-slot buffers, disabling each
// case with a nil channel once it has fired. Every time the select runs, all
// of its send values are evaluated, even for cases that are not chosen and for
// nil channels; the evaluation count shows that.
package main

import "fmt"

var evaluations int
var bit uint

func nextValue() uint {
	evaluations++
	return 1 << bit
}

func fill(a, b chan uint) int {
	sent := 0
loop:
	for {
		select {
		case a <- nextValue():
			sent++
			a = nil
		case b <- nextValue():
			sent++
			b = nil
		default:
			break loop
		}
		bit++
	}
	return sent
}

func main() {
	a := make(chan uint, 1)
	b := make(chan uint, 1)
	fmt.Println("sent", fill(a, b), "evaluations", evaluations)
	x, y := <-a, <-b
	// Which case ran first is chosen at random, so print only what both
	// orders agree on.
	fmt.Println("bits", x|y, "sum", x+y)
	fmt.Println("sent", fill(a, nil), "evaluations", evaluations)
	fmt.Println("value", <-a)
	fmt.Println("sent", fill(nil, nil), "evaluations", evaluations)
	var full = make(chan uint, 1)
	full <- 0
	fmt.Println("sent", fill(full, full), "evaluations", evaluations)
}
