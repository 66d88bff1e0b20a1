// Format is consulted through the method set of the operand's dynamic
// type: a pointer-receiver Format is not called for a value operand (fmt
// prints the struct), a value-receiver Format is called for a value and a
// pointer, and a nil pointer whose Format needs the value prints <nil>.
package main

import "fmt"

type P struct{ n int }

func (p *P) Format(f fmt.State, verb rune) {
	if p == nil {
		fmt.Fprint(f, "P(nil)")
		return
	}
	fmt.Fprintf(f, "P(%d,%c)", p.n, verb)
}

type V struct{ n int }

func (v V) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, "V(%d,%c)", v.n, verb)
}

type Holder struct {
	P  P
	PP *P
	V  V
	VP *V
}

func main() {
	p := P{1}
	v := V{2}
	fmt.Println(p, &p)
	fmt.Println(v, &v)
	fmt.Printf("%d %d %+v %+v\n", p, &p, v, &v)
	var np *P
	var nv *V
	fmt.Println(np, nv)
	fmt.Printf("[%6v] [%6d] [%-6s]\n", np, nv, nv)
	var x fmt.Formatter = &v
	fmt.Println(x)
	h := Holder{P{3}, &P{4}, V{5}, &V{6}}
	fmt.Printf("%v\n%+v\n", h, h)
	fmt.Printf("%v\n", Holder{})
}
