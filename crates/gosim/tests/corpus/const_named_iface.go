// A constant of a named type with methods can be assigned to an interface
// those methods satisfy, like an enum with a String method.
package main

import "fmt"

type Status int

const (
	Active Status = iota
	Inactive
)

func (s Status) String() string { return [...]string{"active", "inactive"}[s] }

type Named interface{ String() string }

func main() {
	var s fmt.Stringer = Inactive
	var n Named = Active
	list := []fmt.Stringer{Active, Status(1)}
	fmt.Println(s, n, list)
	fmt.Printf("%v %d %T\n", s, n, s)
}
