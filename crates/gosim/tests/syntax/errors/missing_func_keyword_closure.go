package main

func main() {
	go () {
	}()
}
