package main

func main() {
	foo(a
}
