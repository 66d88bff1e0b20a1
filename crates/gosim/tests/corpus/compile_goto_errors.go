package main

import "fmt"

func main() {
	n := 0
	if n > 0 {
		goto skip
	}
	y := 2
	fmt.Println(y)
skip:
	fmt.Println("skipped")
	goto inside
	for i := 0; i < 2; i++ {
	inside:
		fmt.Println(i)
	}
	goto nowhere
unused:
	fmt.Println("never a target")
dup:
	fmt.Println()
	goto dup
	{
	dup:
		fmt.Println()
	}
}
