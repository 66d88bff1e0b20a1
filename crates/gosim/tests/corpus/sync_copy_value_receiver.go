// A value receiver is copied when the receiver is evaluated: a method
// value bound while the Mutex was locked keeps a locked copy.
package main

import (
	"fmt"
	"sync"
)

type Stats struct {
	mu   sync.Mutex
	hits int
}

func (s Stats) Locked() bool {
	if s.mu.TryLock() {
		s.mu.Unlock()
		return false
	}
	return true
}

func main() {
	var s Stats
	s.mu.Lock()
	f := s.Locked // method value: the receiver is copied now, while locked
	s.mu.Unlock()
	fmt.Println(s.Locked(), f())
	arr := []Stats{{}, {}}
	arr[0].mu.Lock()
	for i, st := range arr {
		fmt.Println(i, st.Locked())
	}
	arr[0].mu.Unlock()
}
