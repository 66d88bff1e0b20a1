package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

var loads atomic.Int32

var settings = sync.OnceValue(func() map[string]string {
	loads.Add(1)
	return map[string]string{"mode": "fast", "level": "3"}
})

var dial = sync.OnceValues(func() (string, error) {
	loads.Add(1)
	return "conn#1", nil
})

func main() {
	var wg sync.WaitGroup
	results := make([]string, 5)
	for i := range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := dial()
			results[i] = fmt.Sprint(settings()["mode"], " ", c, " ", err)
		}()
	}
	wg.Wait()
	for _, r := range results {
		fmt.Println(r)
	}
	fmt.Println("loads:", loads.Load())
}
