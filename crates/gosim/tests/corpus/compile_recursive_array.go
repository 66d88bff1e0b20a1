// An array type whose element is itself.
package main

import "fmt"

type T [1]T

func main() {
	var t T
	fmt.Println(len(t))
}
