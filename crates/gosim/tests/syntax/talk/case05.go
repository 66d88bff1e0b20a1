package main

import (
	"errors"
	"fmt"
	"sync"
)

func do(i int) error {
	if i < 0 {
		return errors.New("")
	}
	return nil
}
func main() {
	var l sync.Mutex
	l.Lock()
	if do(4) != nil {
		fmt.Println("have err")
		return
	}
	l.Unlock()
}

