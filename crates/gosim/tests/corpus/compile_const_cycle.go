// Constants that need each other.
package main

import "fmt"

const A = B + 1
const B = A * 2

func main() {
	fmt.Println(A, B)
}
