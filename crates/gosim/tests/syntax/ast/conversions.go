package main

// Conversions are calls whose function is a type expression.
func main() {
	_ = []byte(s)
	_ = (*T)(p)
	_ = map[string]int(nil)
}
