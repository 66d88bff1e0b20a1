package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

var ErrNotFound = errors.New("not found")

type ValidationError struct {
	Field string
}

func (e *ValidationError) Error() string { return "invalid " + e.Field }

func validate(name string, age int) error {
	var errs []error
	if name == "" {
		errs = append(errs, &ValidationError{"name"})
	}
	if age < 0 {
		errs = append(errs, &ValidationError{"age"})
	}
	if age > 150 {
		errs = append(errs, fmt.Errorf("age %d: %w", age, ErrNotFound))
	}
	return errors.Join(errs...)
}

func main() {
	fmt.Println(validate("bob", 30))
	err := validate("", -1)
	fmt.Println(err)
	var ve *ValidationError
	fmt.Println(errors.As(err, &ve), ve.Field)
	err = validate("x", 200)
	fmt.Println(errors.Is(err, ErrNotFound), err)
	joined := errors.Join(io.EOF, nil, os.ErrClosed)
	fmt.Printf("%q\n", joined.Error())
	fmt.Println(errors.Is(joined, io.EOF), errors.Is(joined, io.ErrUnexpectedEOF))
	if u, ok := joined.(interface{ Unwrap() []error }); ok {
		fmt.Println(len(u.Unwrap()))
	}
	fmt.Println(errors.Join() == nil, errors.Join(nil, nil) == nil)
	wrapped := fmt.Errorf("loading: %w", joined)
	fmt.Println(errors.Is(wrapped, os.ErrClosed), wrapped)
}
