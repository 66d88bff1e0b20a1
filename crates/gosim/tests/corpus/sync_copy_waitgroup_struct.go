package main

import (
	"fmt"
	"sync"
)

type job struct {
	name string
	wg   sync.WaitGroup
}

func main() {
	j := job{name: "a"}
	j.wg.Add(1)
	jobs := []job{j}
	go func() {
		jobs[0].wg.Done()
	}()
	jobs[0].wg.Wait()
	fmt.Println("slice element's copy done")
	m := map[string]job{"b": j}
	cp := m["b"]
	cp.wg.Done()
	cp.wg.Wait()
	fmt.Println("map value's copy done")
	j.wg.Wait()
	fmt.Println("unreachable: j's own counter is still 1")
}
