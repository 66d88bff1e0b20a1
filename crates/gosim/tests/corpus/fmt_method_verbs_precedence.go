// fmt's order of preference: Format first (for every verb, %#v included),
// then GoString for %#v, then Error before String for the text verbs.
package main

import (
	"errors"
	"fmt"
)

type Both struct{}

func (Both) Error() string  { return "as error" }
func (Both) String() string { return "as string" }

type All struct{}

func (All) Format(f fmt.State, verb rune) { fmt.Fprintf(f, "formatted(%c)", verb) }
func (All) GoString() string             { return "gostring" }
func (All) String() string               { return "string" }
func (All) Error() string                { return "error" }

type GoAndString struct{}

func (GoAndString) GoString() string { return "GoAndString{}" }
func (GoAndString) String() string   { return "gs" }

type PtrErr struct{ msg string }

func (e *PtrErr) Error() string { return "ptr " + e.msg }
func (e PtrErr) String() string { return "val " + e.msg }

func main() {
	fmt.Printf("%v %s %q %#v %d\n", Both{}, Both{}, Both{}, Both{}, Both{})
	var s fmt.Stringer = Both{}
	var e error = Both{}
	fmt.Println(s, e)
	fmt.Printf("%v %#v %d %s\n", All{}, All{}, All{}, All{})
	fmt.Println(All{})
	fmt.Printf("%v %#v %+v\n", GoAndString{}, GoAndString{}, GoAndString{})
	pe := PtrErr{"x"}
	fmt.Println(pe, &pe)
	err := fmt.Errorf("w(%w)", All{})
	fmt.Println(err, errors.Unwrap(err) == error(All{}))
	fmt.Printf("%w\n", Both{})
	fmt.Println(fmt.Errorf("%w %v", 5, Both{}))
}
