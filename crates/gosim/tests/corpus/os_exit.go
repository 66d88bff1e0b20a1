package main

import (
	"fmt"
	"os"
)

func main() {
	defer fmt.Println("deferred: not printed")
	fmt.Println("exiting with 3")
	fmt.Fprintln(os.Stderr, "to stderr before exit")
	os.Exit(3)
}
