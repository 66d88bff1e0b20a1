package main

func main() {
	switch v := x.(type) {
	case nil:
	case int, *T:
		_ = v
	default:
	}
	switch y := 1; x.(type) {
	}
}
