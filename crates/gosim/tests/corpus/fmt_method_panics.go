// fmt recovers a panic in an operand's own String or Error method: a nil
// pointer receiver prints <nil>, any other panic prints
// %!v(PANIC=String method: ...), and verbs that do not use the method
// print the value plainly.
package main

import (
	"errors"
	"fmt"
)

type T struct{ name string }

func (t *T) String() string { return "T " + t.name }

type Boom struct{ n int }

func (Boom) String() string { panic("boom") }

type BadErr struct{ xs []int }

func (e BadErr) Error() string { return fmt.Sprint(e.xs[2]) }

type Custom struct{}

func (Custom) String() string { panic(errors.New("custom failure")) }

func main() {
	var t *T
	fmt.Println(t, &T{"ok"})
	fmt.Printf("%v|%s|%d|%+v\n", Boom{1}, Boom{2}, Boom{3}, Boom{4})
	fmt.Println(BadErr{})
	s := fmt.Sprint(Custom{}, " after")
	fmt.Println(s)
	err := fmt.Errorf("wrapped: %v", BadErr{[]int{1}})
	fmt.Println(err)
}
