package main

import (
	"sync"
	"time"
)

func main() {
	m := sync.Mutex{}
	c := sync.NewCond(&m)
	go func() {
		time.Sleep(1 * time.Second)
		c.Broadcast()
	}()
	c.L.Lock()
	time.Sleep(2 * time.Second)
	c.Wait()
	c.L.Unlock()
}
