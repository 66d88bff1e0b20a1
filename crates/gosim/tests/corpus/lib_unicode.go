package main

import (
	"fmt"
	"unicode"
)

func main() {
	for _, r := range "aZ5 \t!é世Ⅻ٣_\u00a0\u2028ǅ€\x7f" {
		fmt.Printf("%q L%v U%v l%v T%v D%v N%v S%v P%v Sy%v M%v C%v G%v Pr%v up=%q lo=%q ti=%q\n",
			r, unicode.IsLetter(r), unicode.IsUpper(r), unicode.IsLower(r), unicode.IsTitle(r),
			unicode.IsDigit(r), unicode.IsNumber(r), unicode.IsSpace(r), unicode.IsPunct(r),
			unicode.IsSymbol(r), unicode.IsMark(r), unicode.IsControl(r), unicode.IsGraphic(r),
			unicode.IsPrint(r), unicode.ToUpper(r), unicode.ToLower(r), unicode.ToTitle(r))
	}
	fmt.Println(unicode.MaxRune, unicode.ReplacementChar, unicode.MaxASCII, unicode.MaxLatin1)
	fmt.Println(string(unicode.To(unicode.UpperCase, 'ß')), string(unicode.ToUpper('ÿ')), string(unicode.ToLower('Σ')))
	count := map[string]int{}
	for _, r := range "Hello, World! 123 Ωmega" {
		switch {
		case unicode.IsUpper(r):
			count["upper"]++
		case unicode.IsLower(r):
			count["lower"]++
		case unicode.IsDigit(r):
			count["digit"]++
		case unicode.IsSpace(r):
			count["space"]++
		case unicode.IsPunct(r):
			count["punct"]++
		}
	}
	fmt.Println(count)
}
