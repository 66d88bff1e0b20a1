package main

import (
	"fmt"
	"strconv"
)

func main() {
	buf := []byte("vals:")
	buf = strconv.AppendInt(buf, -255, 16)
	buf = append(buf, ' ')
	buf = strconv.AppendUint(buf, 255, 2)
	buf = append(buf, ' ')
	buf = strconv.AppendBool(buf, true)
	buf = append(buf, ' ')
	buf = strconv.AppendFloat(buf, 3.14159, 'f', 2, 64)
	buf = append(buf, ' ')
	buf = strconv.AppendQuote(buf, "q\"t")
	fmt.Println(string(buf))
	for _, s := range []string{"42", "-7", "0x1F", "1_000", "9999999999999999999", "abc", ""} {
		i, err := strconv.ParseInt(s, 0, 64)
		fmt.Println(s, i, err)
	}
	_, err := strconv.ParseUint("5", 10, 65)
	fmt.Println(err)
	_, err = strconv.ParseInt("", 1, 64)
	fmt.Println(err)
	u, err := strconv.ParseUint("300", 10, 8)
	fmt.Println(u, err)
}
