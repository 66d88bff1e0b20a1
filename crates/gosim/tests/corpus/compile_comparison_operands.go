package main

func main() {
	var x int
	var s string
	var f float64
	_ = x == nil
	_ = int(s)
	_ = nil == x
	_ = x == "a"
	_ = x + "a"
	_ = "a" + x
	_ = x + 1.5
	_ = 1.5 + x
	_ = f < nil
	_ = "s" < x
}
