// Package unicode/utf8 as gosim simulates it.
package utf8

const (
	RuneError = '\uFFFD'
	RuneSelf  = 0x80
	MaxRune   = '\U0010FFFF'
	UTFMax    = 4
)

func RuneCountInString(s string) int
func RuneCount(p []byte) int
func RuneLen(r rune) int
func ValidString(s string) bool
func DecodeRuneInString(s string) (rune, int)
func DecodeLastRuneInString(s string) (rune, int)
