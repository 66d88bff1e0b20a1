package main

import "fmt"

type Number interface{ ~int | ~float64 }

func A[T any](x T) int            { return int(x) }
func B[T Number](x T) string      { return string(x) }
func C[T ~int | ~string](x T) int { return len(x) }
func D[T any](x T) {
	for range x {
	}
}
func F[T ~[]int | ~[]string](x T) {
	for range x {
	}
}
func G[T any](x T) {
	switch x.(type) {
	}
}
func H[K any, V any](m map[K]V) {}
func I[T any]() T { return nil }

func main() {
	fmt.Println()
}
