// lang: 1.21
package main

// Go decides that a panic repeats the one before it by comparing the two
// interface values' words. Integers below 256 and booleans are boxed in
// shared static storage, so a fresh panic with an equal one, computed at
// run time, counts as a repanic in Go 1.25+; a computed string does not.

import (
	"fmt"
	"os"
)

func code() int { return len(os.Args) + 6 }

func stage(name string, f func()) {
	defer func() {
		r := recover()
		fmt.Println(name, "recovered", r)
		f()
	}()
	f()
}

func main() {
	defer func() {
		r := recover()
		fmt.Println("main recovered", r)
		s := fmt.Sprint("bad", 1)
		stage("strings", func() { panic(s + "") })
	}()
	stage("ints", func() { panic(code()) })
}
