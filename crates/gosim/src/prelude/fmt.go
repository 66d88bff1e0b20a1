// Package fmt as gosim simulates it. The formatting engine is native;
// this file calls the operands' own Error and String methods first, as
// fmt's handleMethods does, so user-defined methods run as ordinary
// simulated code.
package fmt

import "errors"

type Stringer interface {
	String() string
}

type GoStringer interface {
	GoString() string
}

// prepped carries an operand's method text together with the operand.
type prepped struct {
	text string
	orig any
}

// failed holds an operand whose Error or String method panicked, and
// what it panicked with; the formatter prints that as fmt does.
type failed struct {
	x any
	r any
}

func prep(a []any) []any {
	var b []any
	for i, x := range a {
		switch x.(type) {
		case error, Stringer:
		default:
			continue
		}
		if b == nil {
			b = make([]any, len(a))
			copy(b, a)
		}
		b[i] = call(x)
	}
	if b == nil {
		return a
	}
	return b
}

func call(x any) (p any) {
	defer func() {
		if r := recover(); r != nil {
			p = failed{x, r}
		}
	}()
	if e, ok := x.(error); ok {
		return prepped{e.Error(), x}
	}
	return prepped{x.(Stringer).String(), x}
}

func Println(a ...any) (n int, err error)            { return println_(prep(a)) }
func Print(a ...any) (n int, err error)              { return print_(prep(a)) }
func Printf(format string, a ...any) (n int, err error) { return printf_(format, prep(a)) }
func Sprintf(format string, a ...any) string         { return sprintf_(format, prep(a)) }
func Sprint(a ...any) string                         { return sprint_(prep(a)) }
func Sprintln(a ...any) string                       { return sprintln_(prep(a)) }

// writer is io.Writer, spelled out: fmt comes before io in the prelude.
type writer = interface {
	Write(p []byte) (n int, err error)
}

func Fprintf(w writer, format string, a ...any) (n int, err error) {
	return w.Write([]byte(Sprintf(format, a...)))
}
func Fprint(w writer, a ...any) (n int, err error)   { return w.Write([]byte(Sprint(a...))) }
func Fprintln(w writer, a ...any) (n int, err error) { return w.Write([]byte(Sprintln(a...))) }

func println_(a []any) (n int, err error)
func print_(a []any) (n int, err error)
func printf_(format string, a []any) (n int, err error)
func sprintf_(format string, a []any) string
func sprint_(a []any) string
func sprintln_(a []any) string
func errorf_(format string, a []any) string
func wrapped_(format string, a []any) []int

func Errorf(format string, a ...any) error {
	s := errorf_(format, prep(a))
	var errs []error
	for _, i := range wrapped_(format, a) {
		if e, ok := a[i].(error); ok {
			errs = append(errs, e)
		}
	}
	switch len(errs) {
	case 0:
		return errors.New(s)
	case 1:
		return &wrapError{s, errs[0]}
	default:
		return &wrapErrors{s, errs}
	}
}

type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string { return e.msg }
func (e *wrapError) Unwrap() error { return e.err }

type wrapErrors struct {
	msg  string
	errs []error
}

func (e *wrapErrors) Error() string   { return e.msg }
func (e *wrapErrors) Unwrap() []error { return e.errs }
