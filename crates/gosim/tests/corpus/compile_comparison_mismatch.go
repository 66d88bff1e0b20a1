// Comparison errors as go build words them: a mismatch is reported at the
// right operand, a named type is not assignable to its predeclared
// underlying type, and ordering operators name the kind they are not
// defined on.
package main

type MyInt int
type B bool
type T struct{ a int }

func main() {
	var i MyInt = 3
	var j int = 3
	var u uint8 = 1
	var k int = i
	var b bool
	var nb B
	var p *int
	var c chan int
	var e error
	var s T
	_ = i == j
	_ = u < j
	_, _ = b < b, nb < nb
	_, _ = p < p, c < c
	_, _ = e < e, s < s
	_ = true < false
	_ = k
}
