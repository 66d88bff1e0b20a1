package main

func main() {
	x := 0
	if x > 0 {
	} else x = 1
}
