package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Config struct {
	Version int
	Limit   int
}

type Server struct {
	cfg atomic.Pointer[Config]
}

func (s *Server) Reload(limit int) {
	for {
		old := s.cfg.Load()
		next := &Config{Version: old.Version + 1, Limit: limit}
		if s.cfg.CompareAndSwap(old, next) {
			return
		}
	}
}

func main() {
	s := &Server{}
	s.cfg.Store(&Config{Version: 1, Limit: 10})
	var wg sync.WaitGroup
	for i := 1; i <= 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Reload(i * 100)
		}()
	}
	wg.Wait()
	c := s.cfg.Load()
	fmt.Println("version", c.Version)
	fmt.Println(c.Limit%100 == 0, c.Limit >= 100)
	var v atomic.Value
	v.Store(Config{1, 2})
	fmt.Printf("%+v\n", v.Load().(Config))
	var b atomic.Bool
	fmt.Println(b.CompareAndSwap(false, true), b.Load())
	var u atomic.Uintptr
	u.Add(5)
	fmt.Println(u.Load())
}
