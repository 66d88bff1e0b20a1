// fmt recovers a panic in an operand's own String or Error method: a nil
// pointer receiver prints <nil>, any other panic prints
// %!v(PANIC=String method: ...), and verbs that do not use the method
// print the value plainly. A method runs once, however it ends.
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

type Noisy struct{}

func (Noisy) String() string {
	fmt.Print("[String runs] ")
	var m map[string]int
	m["x"] = 1
	return "unreachable"
}

type Loud struct{ n int }

func (l Loud) String() string {
	fmt.Print("[Loud] ")
	return "loud"
}

type Custom struct{}

func (Custom) String() string { panic(errors.New("custom failure")) }

func main() {
	var t *T
	fmt.Println(t, &T{"ok"})
	fmt.Printf("%v|%s|%d|%+v\n", Boom{1}, Boom{2}, Boom{3}, Boom{4})
	fmt.Println(BadErr{})
	s := fmt.Sprint(Custom{}, " after")
	fmt.Println(s)
	fmt.Println(Noisy{}, "|", &Noisy{})
	fmt.Println(&Loud{1}, Loud{2})
	err := fmt.Errorf("wrapped: %v", BadErr{[]int{1}})
	fmt.Println(err)
}
