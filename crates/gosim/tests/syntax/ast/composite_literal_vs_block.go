package main

func main() {
	// `T{` in a header opens the body...
	if x {
	}
	for x {
	}
	switch x {
	}
	// ...unless parenthesized or the type is a literal type.
	if p == (T{}) {
	}
	for _, v := range []int{1, 2} {
		_ = v
	}
	if f(T{}) {
	}
	// Inside a function literal in a header, composite literals are fine.
	if func() bool { return T{} == x }() {
	}
}
