package main

import "fmt"

func main() {
	src := []int{1, 2, 3, 4, 5}
	dst := make([]int, 3)
	n := copy(dst, src)
	fmt.Println(n, dst)

	n = copy(src, src[2:])
	fmt.Println(n, src)

	base := []int{0, 1, 2, 3, 4, 5}
	t := base[1:3:4]
	fmt.Println(t, len(t), cap(t))
	t = append(t, 100)
	fmt.Println(base)
	t = append(t, 200)
	t[0] = -1
	fmt.Println(base, t)

	var nilSlice []int
	fmt.Println(nilSlice == nil, len(nilSlice), nilSlice[:0] == nil)
	bs := make([]byte, 5)
	fmt.Println(copy(bs, "héllo"), bs)
}
