// Modelled on golang/go test/chan/select4.go (BSD-style licence); written independently for gosim's corpus.
//
// When a select runs, the channel operands and send values of every case are
// evaluated once, in source order; the left-hand side of a receive
// assignment is evaluated only in the case that is chosen, after the choice.
package main

import "fmt"

var trace []string

func note(s string) { trace = append(trace, s) }

func ch(name string, c chan int) chan int {
	note("chan " + name)
	return c
}

func val(name string, v int) int {
	note("value " + name)
	return v
}

func slot(name string, p *int) *int {
	note("slot " + name)
	return p
}

func flush(title string) {
	fmt.Println(title+":", trace)
	trace = nil
}

func main() {
	var x struct{ a, b int }
	ready := make(chan int, 1)
	idle := make(chan int)
	ready <- 42

	select {
	case *slot("a", &x.a) = <-ch("idle", idle):
		note("case idle")
	case *slot("b", &x.b) = <-ch("ready", ready):
		note("case ready")
	}
	flush("receive")
	fmt.Println("x =", x)

	select {
	case ch("idle", idle) <- val("one", 1):
		note("sent idle")
	case ch("ready", ready) <- val("two", 2):
		note("sent ready")
	case *slot("a", &x.a) = <-ch("idle again", idle):
		note("received idle")
	}
	flush("send")
	fmt.Println("buffered", <-ready)

	select {
	case v, ok := <-ch("idle", idle):
		fmt.Println(v, ok)
	case ch("nil", nil) <- val("three", 3):
		note("sent nil")
	default:
		note("default")
	}
	flush("default")

	m := map[string]int{}
	close(ready)
	select {
	case m[fmt.Sprint("k", val("key", 7))] = <-ch("closed", ready):
		note("received closed")
	}
	flush("closed")
	fmt.Println("map", m, len(m))
}
