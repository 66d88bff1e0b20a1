// Copying a struct that holds a Mutex, RWMutex or WaitGroup copies their
// state as it is at the copy: by assignment, channel send, interface
// boxing and argument, whatever the original does afterwards.
package main

import (
	"fmt"
	"sync"
)

type Stats struct {
	mu   sync.Mutex
	hits int
}

type Pool struct {
	wg    sync.WaitGroup
	locks [2]sync.RWMutex
	name  string
}

func tryLock(name string, m *sync.Mutex) {
	if m.TryLock() {
		fmt.Println(name, "was unlocked")
		m.Unlock()
	} else {
		fmt.Println(name, "was locked")
	}
}

func main() {
	var s Stats
	s.mu.Lock()
	snapshot := s // copied while locked
	s.mu.Unlock()
	tryLock("original", &s.mu)
	tryLock("copy made while locked", &snapshot.mu)

	var p Pool
	p.wg.Add(2)
	p.locks[1].RLock()
	q := p // copied with counter 2 and a reader
	p.wg.Done()
	p.wg.Done()
	p.locks[1].RUnlock()
	p.wg.Wait()
	fmt.Println("original's Wait returned")
	fmt.Println("copy's write lock free:", q.locks[1].TryLock(), q.locks[0].TryLock())
	ch := make(chan Stats, 1)
	s.mu.Lock()
	ch <- s
	s.mu.Unlock()
	got := <-ch
	tryLock("sent while locked", &got.mu)
	var iface any = s
	back := iface.(Stats)
	tryLock("boxed while unlocked", &back.mu)
	done := make(chan bool)
	go func(st Stats) {
		tryLock("argument copied while unlocked", &st.mu)
		done <- true
	}(s)
	<-done
	q.wg.Wait()
}
