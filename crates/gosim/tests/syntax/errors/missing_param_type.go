package main

func g(a int, b) {}

func main() {
}
