package main

func main() {
	x := range 3
	_ = x
}
