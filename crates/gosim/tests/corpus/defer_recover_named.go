package main

import (
	"errors"
	"fmt"
)

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
			q = -1
		}
	}()
	q = a / b
	return q, nil
}

func triple() (n int) {
	defer func() { n *= 3 }()
	return 2
}

func wrap() (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("wrap: %w", err)
		}
	}()
	return errors.New("inner")
}

func main() {
	fmt.Println(safeDiv(7, 2))
	fmt.Println(safeDiv(1, 0))
	fmt.Println(triple())
	fmt.Println(wrap())
	fmt.Println("recover outside a deferred call:", recover())
	func() {
		defer func() {
			fmt.Println("recovered value:", recover())
			fmt.Println("second recover:", recover())
		}()
		panic("boom")
	}()
	fmt.Println("still running")
}
