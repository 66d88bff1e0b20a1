package main

import (
	"errors"
	"fmt"
)

func main() {
	defer func() {
		r := recover()
		fmt.Println("recovered non-nil:", r != nil)
		fmt.Println("value:", r)
		err, ok := r.(error)
		fmt.Println(ok, err)
		fmt.Println(errors.Unwrap(err) == nil)
	}()
	panic(nil)
}
