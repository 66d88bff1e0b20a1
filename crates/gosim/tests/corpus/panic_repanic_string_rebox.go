// lang: 1.21
package main

// The recovered value asserted to a string and panicked again: a new
// interface value holding an equal string. It is still printed twice.

import "fmt"

func main() {
	defer func() {
		r := recover()
		s := r.(string)
		fmt.Println("recovered", s)
		panic(s + "")
	}()
	panic(fmt.Sprint("dynamic ", 7))
}
