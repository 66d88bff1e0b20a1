// Package iter as gosim simulates it: the iterator types of Go 1.23, used
// with range-over-func loops. iter.Pull (coroutines) is not simulated.
package iter

// Seq is an iterator over sequences of individual values.
type Seq[V any] func(yield func(V) bool)

// Seq2 is an iterator over sequences of pairs of values.
type Seq2[K, V any] func(yield func(K, V) bool)
