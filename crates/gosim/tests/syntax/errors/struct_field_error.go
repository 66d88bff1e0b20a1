package main

type T struct {
	a int
	(b)
	1
}
