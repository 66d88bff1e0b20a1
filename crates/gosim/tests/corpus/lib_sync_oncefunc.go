package main

import (
	"fmt"
	"sync"
)

func main() {
	calls := 0
	f := sync.OnceFunc(func() {
		calls++
		fmt.Println("initializing")
	})
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f()
		}()
	}
	wg.Wait()
	f()
	fmt.Println("calls:", calls)

	config := sync.OnceValue(func() map[string]int {
		fmt.Println("loading config")
		return map[string]int{"port": 8080}
	})
	fmt.Println(config()["port"], config()["port"])

	parse := sync.OnceValues(func() (int, error) {
		fmt.Println("parsing")
		return 42, nil
	})
	n, err := parse()
	fmt.Println(n, err)
	n, err = parse()
	fmt.Println(n, err)

	bad := sync.OnceFunc(func() { panic("boom") })
	for i := 0; i < 2; i++ {
		func() {
			defer func() { fmt.Println("recovered:", recover()) }()
			bad()
		}()
	}
	badValue := sync.OnceValue(func() int {
		var m map[string]int
		m["x"] = 1
		return 1
	})
	for i := 0; i < 2; i++ {
		func() {
			defer func() { fmt.Println("recovered:", recover()) }()
			fmt.Println(badValue())
		}()
	}
}
