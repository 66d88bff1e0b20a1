package main

func f() {}

func main() {
	go 1
	defer (f())
}
