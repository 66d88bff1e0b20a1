package main

// An omitted expression list repeats the previous spec's, type included,
// with the next iota.
const (
	A T = iota * 10
	B
	_
	D, E = iota, 7
	F, G
)
