package main

func main() {
	a, b = b, a
	x += 1
	x &^= 3
	x <<= 1
	i++
	j--
	ch <- 1
	go f(x)
	defer func() {}()
L:
	for {
		continue L
	}
}
