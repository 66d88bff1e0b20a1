// Ordering operators on types that have no order: the message names the
// kind (pointer, chan, interface, array, struct) or the type itself.
package main

type T struct{ a int }
type B bool

func main() {
	var b bool
	var nb B
	var p *int
	var c chan int
	var i any
	var a [2]int
	var s T
	var e error
	_ = b < b
	_ = nb < nb
	_ = p < p
	_ = c < c
	_ = i < i
	_ = a < a
	_ = s < s
	_ = e < e
	_ = true < false
}
