package main

type I interface {
	1
}

func main() {
}
