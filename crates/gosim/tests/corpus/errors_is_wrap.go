package main

import (
	"errors"
	"fmt"
)

var ErrNotFound = errors.New("not found")

type ValidationError struct {
	Field string
}

func (e *ValidationError) Error() string {
	return "invalid field " + e.Field
}

func find(key string) error {
	if key == "" {
		return &ValidationError{Field: "key"}
	}
	return fmt.Errorf("find %q: %w", key, ErrNotFound)
}

func main() {
	err := find("x")
	fmt.Println(err)
	fmt.Println(errors.Is(err, ErrNotFound), err == ErrNotFound)

	outer := fmt.Errorf("handler: %w", err)
	fmt.Println(outer, errors.Is(outer, ErrNotFound))

	err = find("")
	fmt.Println(err, errors.Is(err, ErrNotFound))
	if ve, ok := err.(*ValidationError); ok {
		fmt.Println("field:", ve.Field)
	}
	fmt.Printf("%v | %s | %T\n", err, err, err)

	var none error
	fmt.Println(none == nil, none, errors.Is(none, ErrNotFound))
	fmt.Println(errors.New("a") == errors.New("a"))
	noWrap := fmt.Errorf("plain %v", ErrNotFound)
	fmt.Println(noWrap, errors.Is(noWrap, ErrNotFound))
}
