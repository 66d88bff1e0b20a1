package main

// A failed type assertion panics with a *runtime.TypeAssertionError, a
// runtime.Error: errors.As finds it through the recovered value, and its
// text names the interface, the dynamic type and the missing method.

import (
	"errors"
	"fmt"
	"runtime"
)

type Shape interface{ Area() float64 }
type Namer interface{ Name() string }
type square struct{ s float64 }

func (q square) Area() float64 { return q.s * q.s }

func catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(error)
			if !ok {
				err = fmt.Errorf("not an error: %v", r)
				return
			}
			err = e
		}
	}()
	f()
	return nil
}

func report(name string, err error) {
	fmt.Printf("%s: %T\n  %v\n", name, err, err)
	var tae *runtime.TypeAssertionError
	if errors.As(err, &tae) {
		fmt.Println("  as *runtime.TypeAssertionError:", tae.Error())
	}
	var re runtime.Error
	if errors.As(err, &re) {
		fmt.Println("  as runtime.Error:", re.Error())
		re.RuntimeError()
	}
	wrapped := fmt.Errorf("step %s: %w", name, err)
	fmt.Println("  wrapped As:", errors.As(wrapped, &tae), errors.As(wrapped, &re))
}

func main() {
	var x any = "hello"
	report("concrete", catch(func() { _ = x.(int) }))

	var s Shape = square{2}
	report("to interface", catch(func() { _ = s.(Namer) }))
	report("to concrete", catch(func() { _ = s.(*square) }))

	var nilAny any
	report("nil interface", catch(func() { _ = nilAny.(string) }))

	var sh Shape
	report("nil to interface", catch(func() { _ = sh.(Namer) }))

	var e error = errors.New("boom")
	report("error to Stringer", catch(func() { _ = e.(fmt.Stringer) }))

	report("index", catch(func() {
		a := []int{1}
		i := 3
		_ = a[i]
	}))
	report("plain", catch(func() { panic(errors.New("mine")) }))
}
