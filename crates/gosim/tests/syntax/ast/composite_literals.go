package main

// Elided element types, keys, [...] arrays and &T{}.
func main() {
	_ = []Point{{1, 2}, {X: 3}}
	_ = map[Point]string{{1, 2}: "a"}
	_ = [...]int{1, 2, 3}
	_ = &T{}
}
