// A type satisfies an interface at run time only if its methods have the
// interface's signatures, not just its method names: type switches and
// assertions pick the right case, and errors.Is/As see through errors.Join
// and fmt.Errorf with several %w (whose Unwrap returns []error).
package main

import (
	"errors"
	"fmt"
)

type A struct{}

func (A) Get() []int { return []int{1} }

type B struct{}

func (B) Get() int { return 2 }

var ErrNotFound = errors.New("not found")

type CodeErr struct{ Code int }

func (e *CodeErr) Error() string { return fmt.Sprintf("code %d", e.Code) }

func main() {
	for _, v := range []any{A{}, B{}} {
		switch x := v.(type) {
		case interface{ Get() int }:
			fmt.Println("int", x.Get())
		case interface{ Get() []int }:
			fmt.Println("slice", x.Get())
		}
		_, ok := v.(interface{ Get() int })
		fmt.Println(ok)
	}
	j := errors.Join(errors.New("other"), fmt.Errorf("find: %w", ErrNotFound))
	fmt.Println(errors.Is(j, ErrNotFound), errors.Unwrap(j))
	two := fmt.Errorf("two: %w and %w", ErrNotFound, &CodeErr{7})
	var ce *CodeErr
	fmt.Println(errors.Is(two, ErrNotFound), errors.As(two, &ce), ce)
}
