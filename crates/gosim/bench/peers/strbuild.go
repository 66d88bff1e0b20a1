// String building: appends short strings and digits to a strings.Builder, then
// slices and compares the results.
package main

import (
	"fmt"
	"strings"
)

func main() {
	total := 0
	for r := 0; r < 200; r++ {
		var b strings.Builder
		for i := 0; i < 2000; i++ {
			b.WriteString("go")
			b.WriteByte(byte('a' + i%26))
		}
		s := b.String()
		total += len(s)
		if strings.HasPrefix(s, "goa") {
			total++
		}
	}
	fmt.Println("strbuild", total)
}
