// A struct that contains itself has no finite size: go build refuses it.
package main

import "fmt"

type T struct{ a, b T }

func main() {
	var t T
	fmt.Println(t)
}
