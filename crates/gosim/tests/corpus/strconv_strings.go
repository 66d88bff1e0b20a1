package main

import (
	"fmt"
	"strconv"
	"strings"
)

func main() {
	fmt.Println(strconv.Itoa(-45), strconv.Itoa(0)+"!")
	n, err := strconv.Atoi("123")
	fmt.Println(n+1, err)
	n, err = strconv.Atoi("12a")
	fmt.Println(n, err)
	_, err = strconv.Atoi("")
	fmt.Println(err)
	_, err = strconv.Atoi("99999999999999999999")
	fmt.Println(err)

	fmt.Println(strings.Repeat("ab", 3), strings.Repeat("-", 0) == "")
	parts := strings.Split("a,b,,c", ",")
	fmt.Println(len(parts), parts)
	fmt.Printf("%q\n", strings.Split("abc", ""))
	fmt.Println(strings.Join([]string{"x", "y", "z"}, "-"))
	fmt.Println(strings.Contains("seafood", "foo"), strings.Contains("seafood", "bar"), strings.Contains("", ""))
	fmt.Println(strings.ToUpper("héllo wörld"), strings.ToUpper("MiXeD 123"))
}
