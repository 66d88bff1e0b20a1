// lang: 1.21
package main

// Recovering a panic and panicking again with the very value recovered:
// since Go 1.25 the crash prints that panic once, marked
// "[recovered, repanicked]"; Go 1.21 printed it twice.

import (
	"errors"
	"fmt"
)

var errBoom = errors.New("boom")

func cleanup() {
	if r := recover(); r != nil {
		fmt.Println("cleaning up after:", r)
		panic(r)
	}
}

func work() {
	defer cleanup()
	panic(errBoom)
}

func main() {
	defer fmt.Println("main's defer runs")
	work()
}
