package main

func g(a int, string) {}

func main() {
}
