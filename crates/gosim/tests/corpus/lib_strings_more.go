package main

import (
	"fmt"
	"strings"
	"unicode"
)

func main() {
	before, after, found := strings.Cut("user@example.com", "@")
	fmt.Println(before, after, found)
	s, ok := strings.CutPrefix("prefix-body", "prefix-")
	fmt.Println(s, ok)
	s, ok = strings.CutSuffix("file.go", ".rs")
	fmt.Println(s, ok)
	rot13 := func(r rune) rune {
		switch {
		case r >= 'A' && r <= 'Z':
			return 'A' + (r-'A'+13)%26
		case r >= 'a' && r <= 'z':
			return 'a' + (r-'a'+13)%26
		}
		return r
	}
	fmt.Println(strings.Map(rot13, "Hello, Gopher!"))
	fmt.Println(strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}, "a1b2c3"))
	fmt.Println(strings.IndexFunc("hello World", unicode.IsUpper))
	fmt.Println(strings.LastIndexFunc("ab1cd2ef", unicode.IsDigit))
	fmt.Println(strings.ContainsFunc("abc", unicode.IsSpace))
	fmt.Printf("%q\n", strings.FieldsFunc("a1b22c333", unicode.IsDigit))
	fmt.Printf("%q\n", strings.TrimFunc("123abc456", unicode.IsDigit))
	fmt.Printf("%q\n", strings.TrimLeftFunc("  x  ", unicode.IsSpace))
	fmt.Printf("%q\n", strings.TrimRightFunc("  x  ", unicode.IsSpace))
	fmt.Println(strings.IndexAny("golang", "ny"), strings.LastIndexAny("golang", "go"), strings.LastIndexByte("golang", 'g'))
	fmt.Printf("%q\n", strings.SplitAfter("a,b,c", ","))
	fmt.Printf("%q\n", strings.SplitAfterN("a,b,c,d", ",", 2))
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;")
	fmt.Println(r.Replace("<a href=\"x\">Tom & Jerry</a>"))
	r2 := strings.NewReplacer("a", "1", "aa", "2", "b", "3")
	fmt.Println(r2.Replace("aaab"))
	for line := range strings.Lines("one\ntwo\nthree") {
		fmt.Printf("%q ", line)
	}
	fmt.Println()
	for part := range strings.SplitSeq("a-b-c", "-") {
		fmt.Print(part, " ")
	}
	fmt.Println()
	for f := range strings.FieldsSeq("  x y  z ") {
		fmt.Print(f, ".")
	}
	fmt.Println()
	fmt.Println(strings.ToTitle("hello ǆ"), strings.Clone("c"))
	var sb strings.Builder
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&sb, "%d,", i)
	}
	sb.WriteByte('x')
	sb.WriteRune('é')
	fmt.Println(sb.String(), sb.Len())
}
