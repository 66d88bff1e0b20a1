package main

func main() {
	var a []int
	_ = a[1::3]
	_ = a[1:2:]
}
