package main

// Go maps case one rune to one rune (Unicode simple case mapping): 'ß' stays
// 'ß' in ToUpper, and EqualFold follows unicode.SimpleFold's orbits. This
// program checks ToUpper, ToLower, Title and EqualFold on every rune below
// 0x20000 but the surrogates, 64 runes at a time: runs of 64 runes that
// share all UTF-8 bytes but the last are built with strings.Join (cheap in
// steps), and only the runs a function changes are hashed rune by rune.

import (
	"fmt"
	"strings"
)

// conts holds the 64 UTF-8 continuation bytes, one per string.
var conts = func() []string {
	cs := make([]string, 64)
	for i := range cs {
		cs[i] = string([]byte{byte(0x80 + i)})
	}
	return cs
}()

// run returns the runes base..base+63 (base a multiple of 64), each preceded by sep.
func run(base rune, sep string) string {
	if base < 0x80 {
		var b strings.Builder
		for i := 0; i < 64; i++ {
			b.WriteString(sep)
			b.WriteByte(byte(base) + byte(i))
		}
		return b.String()
	}
	p := string(base)
	p = sep + p[:len(p)-1]
	return p + strings.Join(conts, p)
}

// digest folds base and every rune of s into h (FNV-1 style).
func digest(h uint32, base rune, s string) uint32 {
	h = h*16777619 ^ uint32(base)
	for _, r := range s {
		h = h*16777619 ^ uint32(r)
	}
	return h
}

func main() {
	var up, low, title, misses uint32 = 2166136261, 2166136261, 2166136261, 2166136261
	lens, seps, folds, changed := 0, 0, 0, 0
	for base := rune(0); base < 0x20000; base += 64 {
		if base >= 0xD800 && base < 0xE000 {
			continue
		}
		s := run(base, "")
		u, l := strings.ToUpper(s), strings.ToLower(s)
		lens = lens*31 + len(u) - len(l)
		if u != s {
			up = digest(up, base, u)
			changed++
		}
		if l != s {
			low = digest(low, base, l)
			changed++
		}
		// Every rune follows a space, so Title maps each with ToTitle,
		// which differs from ToUpper only for a few runes.
		spaced := run(base, " ")
		if t := strings.Title(spaced); t != strings.ToUpper(spaced) {
			title = digest(title, base, t)
		}
		// 'a' after a rune is title-cased exactly when that rune separates words.
		seps = seps*31 + strings.Count(strings.Title(run(base, "a")+"a"), "A")
		if strings.EqualFold(s, u) && strings.EqualFold(l, s) && strings.EqualFold(u, l) {
			folds++
		}
		if u != s || l != s {
			// Rune by rune: which runes do not fold to their upper or lower case?
			rs, us, ls := []rune(s), []rune(u), []rune(l)
			for i, r := range rs {
				if !strings.EqualFold(string(r), string(us[i])) || !strings.EqualFold(string(ls[i]), string(r)) {
					misses = digest(misses, r, "")
				}
			}
		}
	}
	fmt.Printf("%08x %08x %08x %08x %d %d %d %d\n", up, low, title, misses, lens, seps, folds, changed)

	fmt.Println(strings.ToUpper("straße ǆ ǅ ς ı i ꭰ 𐐨 ǳ ﬀ µ ÿ"))
	fmt.Println(strings.ToLower("STRAẞE Ǆ ǅ Σ İ I Ꭰ 𐐀 Ǳ K Å Ÿ"))
	fmt.Println(strings.Title("ǆemal džungla don't stop_me now-1x héllo\u3000wörld ﬀoo"))
	fmt.Printf("%q\n", strings.ToUpper("a\xffb\xe2\x82c"))

	pairs := [][2]string{
		{"Go", "GO"}, {"k", "\u212a"}, {"K", "\u212a"}, {"s", "ſ"}, {"S", "ſ"},
		{"ß", "ẞ"}, {"ß", "SS"}, {"σ", "ς"}, {"Σ", "ς"}, {"µ", "Μ"}, {"µ", "μ"},
		{"θ", "ϑ"}, {"ϑ", "ϴ"}, {"Θ", "ϴ"}, {"ǆ", "ǅ"}, {"Ǆ", "ǅ"}, {"İ", "i"},
		{"ı", "I"}, {"i", "I"}, {"å", "\u212b"}, {"ﬅ", "ﬆ"}, {"в", "ᲀ"}, {"Ꭰ", "ꭰ"},
		{"𐐀", "𐐨"}, {"ι", "\u1fbe"}, {"\u0345", "Ι"}, {"ab", "a"}, {"\xff", "\ufffd"},
		{"", ""}, {"é", "É"}, {"ÿ", "Ÿ"}, {"ſ", "\u017f"},
	}
	for _, p := range pairs {
		fmt.Printf("%q %q %v\n", p[0], p[1], strings.EqualFold(p[0], p[1]))
	}
}
