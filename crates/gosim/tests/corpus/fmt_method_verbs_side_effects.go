// fmt calls an operand's String (or Error) only for the verbs that print
// text (%v %s %x %X %q, and Print/Println/Sprint): not for %d, %T, %p and
// the other verbs, nor for %#v, so a method with side effects shows them
// only there. An operand named twice with %[1] is asked twice.
package main

import (
	"errors"
	"fmt"
)

var calls int

type Counter struct{ n int }

func (c Counter) String() string {
	calls++
	fmt.Printf("(String #%d) ", calls)
	return fmt.Sprintf("c%d", c.n)
}

type Code int

func (c Code) Error() string {
	calls++
	return fmt.Sprintf("code %d (call %d)", int(c), calls)
}

func main() {
	c := Counter{7}
	for _, f := range []string{"%d", "%v", "%s", "%x", "%X", "%q", "%T", "%#v", "%+v", "%5.1f", "%t", "%c", "%o"} {
		out := fmt.Sprintf(f, c)
		fmt.Printf("%-5s => %s (calls=%d)\n", f, out, calls)
	}
	p := &c
	fmt.Println(len(fmt.Sprintf("%p", p)) > 2, fmt.Sprintf("%d", p) != "")
	fmt.Println("calls", calls)
	fmt.Printf("%[1]v %[1]d %[1]s\n", c)
	fmt.Println("calls", calls)
	fmt.Println(c)
	fmt.Print(c, "\n")
	_ = fmt.Sprint(c)
	_ = fmt.Sprintln(c, c)
	fmt.Println("calls", calls)
	cs := []Counter{{1}, {2}}
	fmt.Printf("%d\n", cs)
	fmt.Println("calls", calls)
	fmt.Printf("%v\n", cs)
	fmt.Println("calls", calls)
	e := Code(404)
	fmt.Printf("%d|%v|%x\n", e, e, e)
	fmt.Println(e, calls)
	err := fmt.Errorf("wrap: %w", e)
	fmt.Println(errors.Is(err, e), calls)
}
