package main

import "fmt"

func main() {
	defer fmt.Println("deferred runs")
	var e error
	panic(e)
}
