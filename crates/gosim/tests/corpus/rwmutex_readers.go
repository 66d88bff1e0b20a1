package main

import (
	"fmt"
	"sync"
)

type Cache struct {
	mu   sync.RWMutex
	data map[string]string
}

func (c *Cache) Get(k string) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.data[k]
	return v, ok
}

func (c *Cache) Set(k, v string) {
	c.mu.Lock()
	c.data[k] = v
	c.mu.Unlock()
}

func main() {
	c := &Cache{data: map[string]string{}}
	c.Set("lang", "go")
	var wg sync.WaitGroup
	results := make([]string, 5)
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			v, _ := c.Get("lang")
			results[i] = fmt.Sprint(i, "=", v)
		}(i)
	}
	wg.Wait()
	fmt.Println(results)

	var rw sync.RWMutex
	rw.RLock()
	rw.RLock()
	fmt.Println("two readers hold the lock at once")
	rw.RUnlock()
	rw.RUnlock()
	rw.Lock()
	fmt.Println("writer got it after both left")
	rw.Unlock()
}
