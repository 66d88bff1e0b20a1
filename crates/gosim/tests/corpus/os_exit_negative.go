// Exit statuses are a byte on Linux: -1 becomes 255.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("exiting")
	os.Exit(-1)
}
