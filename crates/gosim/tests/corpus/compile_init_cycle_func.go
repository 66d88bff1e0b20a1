// A package variable whose initializer calls a function that reads it.
package main

import "fmt"

var total = sum()

func sum() int {
	return total + 1
}

func main() {
	fmt.Println(total)
}
