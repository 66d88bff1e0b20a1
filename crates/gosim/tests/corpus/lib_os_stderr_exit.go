package main

import (
	"fmt"
	"os"
	"strconv"
)

func parse(args []string) (int, error) {
	if len(args) < 2 {
		return 0, fmt.Errorf("usage: %s N", "prog")
	}
	return strconv.Atoi(args[1])
}

func main() {
	fmt.Println("args:", len(os.Args))
	n, err := parse(os.Args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		fmt.Fprintf(os.Stderr, "exit code %d\n", 3)
		defer fmt.Println("deferred calls do not run after os.Exit")
		os.Exit(3)
	}
	fmt.Println(n)
}
