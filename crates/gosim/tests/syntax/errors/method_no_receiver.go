package main

func () M() {}

func main() {
}
