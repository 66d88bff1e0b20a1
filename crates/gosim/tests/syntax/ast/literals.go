package main

// Literals are decoded by the parser.
func main() {
	_ = 0x_1F
	_ = 1_000_000
	_ = 0b1010
	_ = 0o17
	_ = 017
	_ = 1e9
	_ = .5
	_ = '\n'
	_ = '\u4e16'
	_ = "a\xffb"
	_ = `a\n`
}
