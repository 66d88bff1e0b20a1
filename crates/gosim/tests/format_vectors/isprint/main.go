// Command isprint writes gosim's src/format/isprint_table.rs: the maximal runs
// of runes for which strconv.IsPrint is false. Run through ../regen.sh.
package main

import (
	"fmt"
	"strconv"
)

func main() {
	fmt.Print(`//! Non-printable rune ranges for ` + "`strconv.IsPrint`" + `, generated (not hand-written):
//! ` + "`tests/format_vectors/isprint/main.go`" + ` walks every rune with real Go and prints
//! the maximal runs where ` + "`strconv.IsPrint`" + ` is false. Regenerate it when the Go
//! version's Unicode tables change. Data only; no logic lives here.

/// Inclusive ` + "`(first, last)`" + ` ranges of runes that ` + "`strconv.IsPrint`" + ` rejects, sorted.
pub const NOT_PRINTABLE: &[(u32, u32)] = &[
`)
	start := -1
	for r := rune(0); r <= 0x110000; r++ {
		np := r < 0x110000 && !strconv.IsPrint(r)
		if np && start < 0 {
			start = int(r)
		}
		if !np && start >= 0 {
			fmt.Printf("    (0x%X, 0x%X),\n", start, int(r)-1)
			start = -1
		}
	}
	fmt.Println("];")
}
