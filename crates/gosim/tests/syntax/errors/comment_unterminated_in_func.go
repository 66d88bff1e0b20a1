package main

func main() {
	x := 1
/* never closed
