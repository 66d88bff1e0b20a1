// Command unicode-tables prints the range tables of gosim's unicode package
// (the tail of crates/gosim/src/prelude/unicode.go) from the tables of the Go
// toolchain that runs it, so that unicode.IsLetter and friends answer as
// Go's do without Unicode tables in the wasm: the prelude is Go source that
// the page fetches.
//
// Usage, from the repository root, with the Go release gosim models
// (record-real-go.py installs it into target/real-go/):
//
//	go run scripts/unicode-tables.go > /tmp/tables.go
//
// then replace everything after the `//gosim:tables` line of unicode.go
// with its output.
package main

import (
	"fmt"
	"strings"
	"unicode"
)

func main() {
	tables := []struct {
		name string
		t    *unicode.RangeTable
	}{
		{"upper", unicode.Upper},
		{"lower", unicode.Lower},
		{"title", unicode.Title},
		{"letter", unicode.Letter},
		{"mark", unicode.Mark},
		{"digit", unicode.Digit},
		{"number", unicode.Number},
		{"punct", unicode.Punct},
		{"symbol", unicode.Symbol},
		{"space", unicode.White_Space},
		{"control", unicode.Cc},
		{"zs", unicode.Zs},
	}
	for _, tab := range tables {
		var b strings.Builder
		n := 0
		prev := uint32(0)
		// Deltas (lo from the previous hi, hi from lo) are small numbers,
		// which gzip packs far better than the code points themselves;
		// unicode.go's decode undoes them.
		emit := func(lo, hi, stride uint32) {
			if n%12 == 0 {
				b.WriteString("\n\t")
			} else {
				b.WriteString(" ")
			}
			fmt.Fprintf(&b, "%d, %d, %d,", lo-prev, hi-lo, stride)
			prev = hi
			n++
		}
		for _, r := range tab.t.R16 {
			emit(uint32(r.Lo), uint32(r.Hi), uint32(r.Stride))
		}
		for _, r := range tab.t.R32 {
			emit(r.Lo, r.Hi, r.Stride)
		}
		fmt.Printf("var %s = decode([]uint32{%s\n})\n\n", tab.name, b.String())
	}
}
