package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	count := 0
	once := sync.Once{}
	go func() {
		defer func() {
			if e := recover(); e != nil {
				fmt.Println("recovered from once")
			}
		}()
		once.Do(func() {
			fmt.Println("once in goroutine")
			count = 1 / count
		})
	}()
	
	time.Sleep(time.Second)
	once.Do(func() {
		fmt.Println("once in main")
		count = 1 / count
	})
	fmt.Println("end")
}
