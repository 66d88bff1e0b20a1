// Command unicase-tables prints gosim's Unicode simple case-mapping tables
// (crates/gosim/src/vm/unicase/tables.rs) from the tables of the Go toolchain
// that runs it, so gosim maps case exactly as that Go release does.
//
// Usage, from the repository root, with the Go release gosim models:
//
//	go run scripts/unicase-tables.go > crates/gosim/src/vm/unicase/tables.rs
//
// It prints three things:
//   - CASE_RANGES: unicode.CaseRanges, one (u32, i32) pair per range. The u32
//     packs lo<<11 | (hi-lo)<<3 | kind; the i32 is a delta or an index:
//     kind 0 (a lower-case range): upper = title = r+delta, lower = r;
//     kind 1 (an upper-case range): lower = r+delta, upper = title = r;
//     kind 2 (Go's UpperLower): alternating upper/lower pairs from lo;
//     kind 3 (anything else): delta indexes OTHER_DELTAS ([upper, lower, title]).
//   - FOLD_EXCEPTIONS: every rune whose unicode.SimpleFold is not what the
//     case ranges give (ToLower(r) if it differs from r, else ToUpper(r)),
//     with its SimpleFold; these are Go's longer fold orbits (k, K, U+212A...).
//   - GO_CHECKSUM: an FNV-1a hash over every rune of ToUpper, ToLower, ToTitle
//     and SimpleFold, which a unit test recomputes from the tables.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"unicode"
)

const (
	kindLower      = 0
	kindUpper      = 1
	kindUpperLower = 2
	kindOther      = 3
)

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func main() {
	var b strings.Builder
	fmt.Fprintf(&b, "//! Unicode simple case-mapping tables of %s (unicode %s).\n", runtime.Version(), unicode.Version)
	b.WriteString("//!\n")
	b.WriteString("//! Generated: `go run scripts/unicase-tables.go > crates/gosim/src/vm/unicase/tables.rs`.\n")
	b.WriteString("//! Do not edit; the layout is described in scripts/unicase-tables.go.\n\n")

	var other [][3]rune
	type entry struct {
		key   uint32
		delta int32
	}
	var entries []entry
	prevHi := int64(-1)
	for _, cr := range unicode.CaseRanges {
		if int64(cr.Lo) <= prevHi || cr.Hi < cr.Lo {
			fail("CaseRanges not sorted and disjoint at %#x", cr.Lo)
		}
		prevHi = int64(cr.Hi)
		if cr.Lo >= 1<<21 || cr.Hi-cr.Lo >= 1<<8 {
			fail("range %#x..%#x does not fit the packing", cr.Lo, cr.Hi)
		}
		d := cr.Delta
		var kind uint32
		var delta int32
		switch {
		case d == [3]rune{unicode.UpperLower, unicode.UpperLower, unicode.UpperLower}:
			kind = kindUpperLower
		case d[0] == unicode.UpperLower || d[1] == unicode.UpperLower || d[2] == unicode.UpperLower:
			fail("partial UpperLower at %#x", cr.Lo)
		case d[0] != 0 && d[1] == 0 && d[2] == d[0]:
			kind, delta = kindLower, d[0]
		case d[0] == 0 && d[1] != 0 && d[2] == 0:
			kind, delta = kindUpper, d[1]
		default:
			kind, delta = kindOther, -1
			for i, o := range other {
				if o == d {
					delta = int32(i)
				}
			}
			if delta < 0 {
				delta = int32(len(other))
				other = append(other, d)
			}
		}
		entries = append(entries, entry{cr.Lo<<11 | (cr.Hi-cr.Lo)<<3 | kind, delta})
	}

	b.WriteString("/// `unicode.CaseRanges`: (lo << 11 | (hi - lo) << 3 | kind, delta), sorted by lo.\n")
	fmt.Fprintf(&b, "pub static CASE_RANGES: [(u32, i32); %d] = [\n", len(entries))
	for _, e := range entries {
		fmt.Fprintf(&b, "    (0x%08x, %d),\n", e.key, e.delta)
	}
	b.WriteString("];\n\n")

	b.WriteString("/// [upper, lower, title] deltas of the kind-3 ranges.\n")
	fmt.Fprintf(&b, "pub static OTHER_DELTAS: [[i32; 3]; %d] = [\n", len(other))
	for _, o := range other {
		fmt.Fprintf(&b, "    [%d, %d, %d],\n", o[0], o[1], o[2])
	}
	b.WriteString("];\n\n")

	var folds [][2]rune
	for r := rune(0); r <= unicode.MaxRune; r++ {
		plain := unicode.ToLower(r)
		if plain == r {
			plain = unicode.ToUpper(r)
		}
		if f := unicode.SimpleFold(r); f != plain {
			folds = append(folds, [2]rune{r, f})
		}
	}
	b.WriteString("/// (rune, unicode.SimpleFold(rune)) where the fold is not the rune's case pair, sorted.\n")
	fmt.Fprintf(&b, "pub static FOLD_EXCEPTIONS: [(u32, u32); %d] = [\n", len(folds))
	for _, f := range folds {
		fmt.Fprintf(&b, "    (0x%04x, 0x%04x),\n", f[0], f[1])
	}
	b.WriteString("];\n\n")

	h := uint64(0xcbf29ce484222325)
	mix := func(r rune) {
		for i := 0; i < 4; i++ {
			h ^= uint64(byte(r >> (8 * i)))
			h *= 0x100000001b3
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		mix(unicode.ToUpper(r))
		mix(unicode.ToLower(r))
		mix(unicode.ToTitle(r))
		mix(unicode.SimpleFold(r))
	}
	b.WriteString("/// FNV-1a over the little-endian bytes of ToUpper, ToLower, ToTitle and\n")
	b.WriteString("/// SimpleFold of every rune 0..=0x10FFFF, in that order, as Go computes them.\n")
	b.WriteString("#[cfg(test)]\n")
	fmt.Fprintf(&b, "pub const GO_CHECKSUM: u64 = 0x%016x;\n", h)
	os.Stdout.WriteString(b.String())
}
