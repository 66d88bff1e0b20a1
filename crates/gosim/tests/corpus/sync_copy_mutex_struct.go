package main

import (
	"fmt"
	"sync"
)

type Counter struct {
	mu sync.Mutex
	n  int
}

// A value receiver copies the Counter, mutex included.
func (c Counter) IncBroken() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func (c *Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func main() {
	var c Counter
	c.IncBroken()
	c.Inc()
	fmt.Println(c.n)

	// A copy of a locked mutex is locked too, but unlocking the copy does
	// not unlock the original.
	var mu sync.Mutex
	mu.Lock()
	cp := mu
	fmt.Println(cp.TryLock(), mu.TryLock())
	cp.Unlock()
	fmt.Println(cp.TryLock(), mu.TryLock())
	mu.Unlock()
	fmt.Println(mu.TryLock())

	// Copying an unlocked mutex gives an independent one.
	var a sync.Mutex
	b := a
	a.Lock()
	fmt.Println(b.TryLock())
	arr := [2]sync.Mutex{}
	arr[0].Lock()
	arr2 := arr
	fmt.Println(arr2[0].TryLock(), arr2[1].TryLock(), arr[1].TryLock())

	var rw sync.RWMutex
	rw.RLock()
	rw2 := rw
	rw.RUnlock()
	fmt.Println(rw.TryLock(), rw2.TryLock())
}
