// Modelled on golang/go test/chan/select5.go (BSD-style licence); written independently for gosim's corpus.
//
// The original generates every shape of one-case select (send, receive,
// receive into a variable, a map element or with comma-ok) against ready,
// blocked and nil channels, with and without default, and checks the order
// in which operands are evaluated. This table walks the same grid and logs
// every evaluation, so the order is part of the output.
package main

import (
	"fmt"
	"strings"
)

var log []string

func mark(s string) { log = append(log, s) }

func chanOf(name string, c chan int) chan int { mark("ch:" + name); return c }
func value(v int) int                         { mark(fmt.Sprint("v:", v)); return v }
func key(k string) string                     { mark("key:" + k); return k }
func mapOf(m map[string]int) map[string]int   { mark("map"); return m }

func state(kind string) chan int {
	switch kind {
	case "ready":
		c := make(chan int, 1)
		c <- 5
		return c
	case "empty":
		return make(chan int, 1)
	case "closed":
		c := make(chan int)
		close(c)
		return c
	}
	return nil
}

func run(shape, kind string, withDefault bool) {
	log = nil
	c := state(kind)
	var x int
	var ok bool
	m := map[string]int{}
	result := "?"
	func() {
		defer func() {
			if r := recover(); r != nil {
				result = fmt.Sprint("panic(", r, ")")
			}
		}()
		switch {
		case shape == "send" && withDefault:
			select {
			case chanOf("c", c) <- value(1):
				result = "sent"
			default:
				result = "default"
			}
		case shape == "recv" && withDefault:
			select {
			case <-chanOf("c", c):
				result = "received"
			default:
				result = "default"
			}
		case shape == "recv-var" && withDefault:
			select {
			case x = <-chanOf("c", c):
				result = fmt.Sprint("x=", x)
			default:
				result = "default"
			}
		case shape == "recv-ok" && withDefault:
			select {
			case x, ok = <-chanOf("c", c):
				result = fmt.Sprint("x=", x, " ok=", ok)
			default:
				result = "default"
			}
		case shape == "recv-map" && withDefault:
			select {
			case mapOf(m)[key("k")] = <-chanOf("c", c):
				result = fmt.Sprint("m=", m)
			default:
				result = "default"
			}
		case shape == "send":
			select {
			case chanOf("c", c) <- value(2):
				result = "sent"
			}
		case shape == "recv":
			select {
			case <-chanOf("c", c):
				result = "received"
			}
		case shape == "recv-var":
			select {
			case x = <-chanOf("c", c):
				result = fmt.Sprint("x=", x)
			}
		case shape == "recv-ok":
			select {
			case x, ok = <-chanOf("c", c):
				result = fmt.Sprint("x=", x, " ok=", ok)
			}
		case shape == "recv-map":
			select {
			case mapOf(m)[key("k")] = <-chanOf("c", c):
				result = fmt.Sprint("m=", m)
			}
		}
	}()
	d := ""
	if withDefault {
		d = "+default"
	}
	fmt.Printf("%-9s %-6s %-8s %-22s %s\n", shape, kind, d, result, strings.Join(log, " "))
}

func main() {
	shapes := []string{"send", "recv", "recv-var", "recv-ok", "recv-map"}
	for _, shape := range shapes {
		for _, kind := range []string{"ready", "empty", "closed", "nil"} {
			run(shape, kind, true)
		}
	}
	// Without default, only the combinations that cannot block.
	run("send", "empty", false)
	run("send", "closed", false)
	for _, shape := range shapes[1:] {
		run(shape, "ready", false)
		run(shape, "closed", false)
	}
}
