package main

import (
	"fmt"
	"strings"
)

type point struct{ x, y int }

func main() {
	input := `move 3 4
move -1 2
turn left
move 10 0`
	var pos point
	for _, line := range strings.Split(input, "\n") {
		var cmd string
		var dx, dy int
		n, err := fmt.Sscanf(line, "%s %d %d", &cmd, &dx, &dy)
		if err != nil {
			fmt.Printf("%q: %d parsed, skipping\n", line, n)
			continue
		}
		pos.x += dx
		pos.y += dy
	}
	fmt.Printf("%+v\n", pos)
	var name string
	var age int
	fmt.Sscan("Gopher 14", &name, &age)
	fmt.Printf("%s is %d\n", name, age)
	var r, g, b int
	fmt.Sscanf("#ff8000", "#%02x%02x%02x", &r, &g, &b)
	fmt.Println(r, g, b)
}
