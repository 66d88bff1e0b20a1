package main

func main() {
	func inner() {}
}
