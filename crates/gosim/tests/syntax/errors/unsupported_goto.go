package main

func main() {
L:
	goto L
}
