package main

import "fmt"

func checksum(b []byte) [4]byte {
	return [4]byte(b)
}

func main() {
	fmt.Println(checksum([]byte{1, 2, 3, 4, 5}))
	p := (*[2]string)([]string{"a", "b", "c"})
	fmt.Println(*p, len(p))
	fmt.Println(checksum([]byte("abc")))
}
