package main

func main() {
	_ = a[1:2:3]
	_ = a[:]
	_ = a[i]
	_ = x.(*T)
}
