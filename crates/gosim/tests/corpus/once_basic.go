package main

import (
	"fmt"
	"sync"
)

var (
	once   sync.Once
	config map[string]string
)

func loadConfig() {
	fmt.Println("loading config")
	config = map[string]string{"env": "test"}
}

func get(key string) string {
	once.Do(loadConfig)
	return config[key]
}

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = get("env")
		}()
	}
	wg.Wait()
	fmt.Println(get("env"))

	var o sync.Once
	for i := 0; i < 3; i++ {
		o.Do(func() { fmt.Println("runs once, i =", i) })
	}
}
