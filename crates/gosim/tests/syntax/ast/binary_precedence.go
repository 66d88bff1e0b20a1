package main

func main() {
	// ((a + (b*c)) == d && e) || f
	_ = a + b*c == d && e || f
	// Same level associates left: (a - b) - c
	_ = a - b - c
	// &^ is multiplicative, | additive.
	_ = a | b &^ c
	// Unary binds tighter than binary; `*p.x` is `*(p.x)`.
	_ = -a * *p.x
}
