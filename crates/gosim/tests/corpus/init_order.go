// Package variables are initialized in dependency order (through the
// functions they call), then in source order, with constants counted as
// dependencies; && and || work in initializers.
package main

import (
	"context"
	"fmt"
	"strconv"
)

var order []string

func note(s string, v int) int {
	order = append(order, s)
	return v
}

var a = note("a", b+c)
var b = note("b", f())
var c = note("c", 1)
var d = note("d", 3)

func f() int { return d }

var e = note("e", limit)
var g = note("g", 1)

const limit = 10

var p, q = note("p", r), note("q", 2)
var r = note("r", 5)

type counter struct{ n int }

func (c counter) next() int { return c.n + s }

var t = note("t", counter{1}.next())
var s = note("s", 4)

var lit = func() int { return note("lit", u) }()
var u = note("u", 7)

var n = 3
var and = n < 5 && n > 1
var or = n > 5 || n > 4

func main() {
	fmt.Println(a, b, c, d, e, g, p, q, r, t, s, lit, u)
	fmt.Println(order)
	fmt.Println(and, or, context.Canceled, strconv.ErrRange)
}
