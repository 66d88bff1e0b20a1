package main

import (
	"errors"
	"fmt"
)

func main() {
	fmt.Println("about to panic")
	err := fmt.Errorf("load config: %w", errors.New("file missing"))
	panic(err)
}
