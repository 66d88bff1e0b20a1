// A sync.Map copied after it was used shares its entries with the original,
// as Go's (a HashTrieMap under the hood, whose root the copy shares).
package main

import (
	"fmt"
	"sync"
)

func main() {
	var m sync.Map
	m.Store("a", 1)
	c := m
	c.Store("b", 2)
	m.Store("c", 3)
	n := 0
	m.Range(func(k, v any) bool { n++; return true })
	k := 0
	c.Range(func(k2, v any) bool { k++; return true })
	_, ok := m.Load("b")
	fmt.Println(n, k, ok)
}
