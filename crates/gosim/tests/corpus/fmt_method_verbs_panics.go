// A panic inside String, Error, GoString or Format is recovered by fmt:
// a nil pointer receiver prints <nil> (padded to the width), any other
// prints %!verb(PANIC=Method method: value) after whatever Format wrote;
// verbs that do not call the method never panic.
package main

import (
	"errors"
	"fmt"
)

type S struct{ n int }

func (s *S) String() string { return fmt.Sprint("S", s.n) }

type Boom int

func (Boom) String() string { panic(fmt.Sprintf("boom %d", 1)) }

type ErrPanic struct{}

func (ErrPanic) Error() string { panic(errors.New("inner error")) }

type Half struct{}

func (Half) Format(f fmt.State, verb rune) {
	fmt.Fprint(f, "half-")
	panic("half done")
}

type Str string

func (s Str) String() string { return "Str:" + string(s) }

type Panicky struct{}

func (Panicky) String() string { panic(Str("value")) }

func main() {
	var s *S
	fmt.Printf("[%v] [%8v] [%-8s] [%d]\n", s, s, s, s)
	fmt.Println(s, &S{4})
	b := Boom(2)
	fmt.Printf("%v|%5s|%d|%x\n", b, b, b, b)
	fmt.Println(ErrPanic{})
	fmt.Printf("%q\n", ErrPanic{})
	fmt.Printf("%v|%+v\n", Half{}, Half{})
	fmt.Println(Panicky{})
	fmt.Println([]Boom{1, 2}, []*S{nil})
	fmt.Printf("%d\n", []Boom{1})
}
