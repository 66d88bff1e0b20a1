package main

import (
	"fmt"
	"strconv"
)

func main() {
	for _, s := range []string{
		`"hello"`, `"tab\there"`, `"\u4e16\U0001F600"`, `"\x41\101\n"`, "`raw\\n`",
		`'a'`, `'\n'`, `'世'`, `"unterminated`, `'ab'`, `"bad\q"`, `"\xff"`, `''`, `"quote\"d"`,
		`'\''`, `"\'"`, "`a\rb`", `"\ud800"`, `x`,
	} {
		u, err := strconv.Unquote(s)
		fmt.Printf("%-20s %q %v\n", s, u, err)
	}
	v, mb, tail, err := strconv.UnquoteChar(`\u00e9rest`, '"')
	fmt.Println(string(v), mb, tail, err)
	q := strconv.Quote("round\ttrip ✓")
	back, _ := strconv.Unquote(q)
	fmt.Println(q, back)
	fmt.Println(string(strconv.AppendInt([]byte("n="), -42, 10)), string(strconv.AppendQuote(nil, "x")), strconv.IntSize)
	_, err = strconv.ParseInt("10", 1, 64)
	fmt.Println(err)
	_, err = strconv.ParseInt("10", 37, 64)
	fmt.Println(err)
}
