// Package fmt as gosim simulates it. The formatting engine is native.
// An operand whose type has Format, GoString, Error or String takes two
// native calls: the first answers with the method calls Go's fmt would
// make for the verbs used (none: the output is final), this file makes
// them, so user-defined methods run as ordinary simulated code, and the
// second formats with their results.
package fmt

import (
	"errors"
	"io"
	"strconv"
)

type Stringer interface {
	String() string
}

type GoStringer interface {
	GoString() string
}

// State is what a Format method writes to and learns its directive from.
type State interface {
	Write(b []byte) (n int, err error)
	Width() (wid int, ok bool)
	Precision() (prec int, ok bool)
	Flag(c int) bool
}

type Formatter interface {
	Format(f State, verb rune)
}

// pp is the State a Format method gets (named after Go's printer, which
// %T shows): it collects what the method writes.
type pp struct {
	buf           []byte
	wid, prec     int
	widOK, precOK bool
	flags         int
}

func (p *pp) Write(b []byte) (n int, err error) {
	p.buf = append(p.buf, b...)
	return len(b), nil
}

func (p *pp) WriteString(s string) (n int, err error) {
	p.buf = append(p.buf, s...)
	return len(s), nil
}

func (p *pp) Width() (wid int, ok bool)      { return p.wid, p.widOK }
func (p *pp) Precision() (prec int, ok bool) { return p.prec, p.precOK }

// Flag reports the flags in the native formatter's order of bits.
func (p *pp) Flag(c int) bool {
	for i, f := range " +-#0" {
		if int(f) == c {
			return p.flags&(1<<i) != 0
		}
	}
	return false
}

// FormatString rebuilds the directive a Format method was called for.
func FormatString(state State, verb rune) string {
	out := []byte{'%'}
	for _, c := range " +-#0" {
		if state.Flag(int(c)) {
			out = append(out, byte(c))
		}
	}
	if w, ok := state.Width(); ok {
		out = strconv.AppendInt(out, int64(w), 10)
	}
	if p, ok := state.Precision(); ok {
		out = append(out, '.')
		out = strconv.AppendInt(out, int64(p), 10)
	}
	return string(out) + string(verb)
}

// panicked is a method call that panicked: what it wrote before, and the
// panic value as %v prints it.
type panicked struct {
	written string
	text    string
}

// Bits of a call's first info word (the native formatter's encoding).
const (
	callFormat   = 1
	callGoString = 2
	callError    = 4
	callMask     = 15
	callWidth    = 1 << 9
	callPrec     = 1 << 10
	callNilPtr   = 1 << 11
)

// callMethods makes the method calls the formatter asked for, in order:
// a string result each, or a panicked.
func callMethods(xs []any, info []int) []any {
	res := make([]any, len(xs))
	for i, x := range xs {
		res[i] = callMethod(x, info[3*i], info[3*i+1], info[3*i+2])
	}
	return res
}

func callMethod(x any, bits, wid, prec int) (res any) {
	st := &pp{wid: wid, prec: prec, widOK: bits&callWidth != 0, precOK: bits&callPrec != 0, flags: bits >> 4 & 31}
	defer func() {
		if r := recover(); r != nil {
			text := ""
			if bits&callNilPtr == 0 {
				text = Sprint(r)
			}
			res = panicked{string(st.buf), text}
		}
	}()
	switch bits & callMask {
	case callFormat:
		x.(Formatter).Format(st, rune(bits>>12))
		return string(st.buf)
	case callGoString:
		return x.(GoStringer).GoString()
	case callError:
		return x.(error).Error()
	}
	return x.(Stringer).String()
}

func Println(a ...any) (n int, err error) {
	n, xs, info := println_(a, nil)
	if xs != nil {
		n, _, _ = println_(a, callMethods(xs, info))
	}
	return n, nil
}

func Print(a ...any) (n int, err error) {
	n, xs, info := print_(a, nil)
	if xs != nil {
		n, _, _ = print_(a, callMethods(xs, info))
	}
	return n, nil
}

func Printf(format string, a ...any) (n int, err error) {
	n, xs, info := printf_(format, a, nil)
	if xs != nil {
		n, _, _ = printf_(format, a, callMethods(xs, info))
	}
	return n, nil
}

func Sprintf(format string, a ...any) string {
	s, xs, info := sprintf_(format, a, nil)
	if xs != nil {
		s, _, _ = sprintf_(format, a, callMethods(xs, info))
	}
	return s
}

func Sprint(a ...any) string {
	s, xs, info := sprint_(a, nil)
	if xs != nil {
		s, _, _ = sprint_(a, callMethods(xs, info))
	}
	return s
}

func Sprintln(a ...any) string {
	s, xs, info := sprintln_(a, nil)
	if xs != nil {
		s, _, _ = sprintln_(a, callMethods(xs, info))
	}
	return s
}

func Fprintln(w io.Writer, a ...any) (n int, err error) { return w.Write([]byte(Sprintln(a...))) }
func Fprint(w io.Writer, a ...any) (n int, err error)   { return w.Write([]byte(Sprint(a...))) }
func Fprintf(w io.Writer, format string, a ...any) (n int, err error) {
	return w.Write([]byte(Sprintf(format, a...)))
}

func Append(b []byte, a ...any) []byte                 { return append(b, Sprint(a...)...) }
func Appendln(b []byte, a ...any) []byte               { return append(b, Sprintln(a...)...) }
func Appendf(b []byte, format string, a ...any) []byte { return append(b, Sprintf(format, a...)...) }

// The natives: with res nil, xs and info list the method calls to make
// first when there are any (nothing is printed then); with their results
// in res, the output.
func println_(a []any, res []any) (n int, xs []any, info []int)
func print_(a []any, res []any) (n int, xs []any, info []int)
func printf_(format string, a []any, res []any) (n int, xs []any, info []int)
func sprintf_(format string, a []any, res []any) (s string, xs []any, info []int)
func sprint_(a []any, res []any) (s string, xs []any, info []int)
func sprintln_(a []any, res []any) (s string, xs []any, info []int)
func errorf_(format string, a []any, res []any) (s string, xs []any, info []int)
func wrapped_(format string, a []any) []int

func Errorf(format string, a ...any) error {
	s, xs, info := errorf_(format, a, nil)
	if xs != nil {
		s, _, _ = errorf_(format, a, callMethods(xs, info))
	}
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

// The scanning functions below cover what programs commonly scan: integers,
// unsigned integers, floats, strings and booleans, separated by spaces.

// scanner walks a string being scanned.
type scanner struct {
	s       string
	i       int
	nlSpace bool // newlines count as space (Sscan), or end the input (Sscanln)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func (sc *scanner) skipSpace() {
	for sc.i < len(sc.s) {
		c := sc.s[sc.i]
		if c == '\n' && !sc.nlSpace {
			return
		}
		if !isSpace(c) {
			return
		}
		sc.i++
	}
}

func (sc *scanner) token() string {
	sc.skipSpace()
	start := sc.i
	for sc.i < len(sc.s) && !isSpace(sc.s[sc.i]) {
		sc.i++
	}
	return sc.s[start:sc.i]
}

// store parses tok into the variable arg points to.
func store(arg any, tok string, verb byte) error {
	if tok == "" {
		return io.EOF
	}
	switch p := arg.(type) {
	case *string:
		*p = tok
	case *[]byte:
		*p = []byte(tok)
	case *bool:
		v, err := strconv.ParseBool(tok)
		if err != nil {
			return errors.New("syntax error scanning boolean")
		}
		*p = v
	case *int, *int8, *int16, *int32, *int64:
		base := 10
		if verb == 'x' {
			base = 16
		} else if verb == 'o' {
			base = 8
		} else if verb == 'b' {
			base = 2
		} else if verb == 'v' {
			base = 0
		}
		v, err := strconv.ParseInt(tok, base, 64)
		if err != nil {
			return errors.New("expected integer")
		}
		switch p := arg.(type) {
		case *int:
			*p = int(v)
		case *int8:
			*p = int8(v)
		case *int16:
			*p = int16(v)
		case *int32:
			*p = int32(v)
		case *int64:
			*p = v
		}
	case *uint, *uint8, *uint16, *uint32, *uint64:
		base := 10
		if verb == 'x' {
			base = 16
		} else if verb == 'v' {
			base = 0
		}
		v, err := strconv.ParseUint(tok, base, 64)
		if err != nil {
			return errors.New("expected integer")
		}
		switch p := arg.(type) {
		case *uint:
			*p = uint(v)
		case *uint8:
			*p = uint8(v)
		case *uint16:
			*p = uint16(v)
		case *uint32:
			*p = uint32(v)
		case *uint64:
			*p = v
		}
	case *float64:
		v, err := strconv.ParseFloat(tok, 64)
		if err != nil {
			return err
		}
		*p = v
	case *float32:
		v, err := strconv.ParseFloat(tok, 32)
		if err != nil {
			return err
		}
		*p = float32(v)
	default:
		return errors.New("can't scan type: " + Sprintf("%T", arg))
	}
	return nil
}

func scanAll(sc *scanner, a []any) (n int, err error) {
	for _, arg := range a {
		tok := sc.token()
		if tok == "" && sc.i < len(sc.s) {
			return n, errors.New("unexpected newline")
		}
		if err := store(arg, tok, 'v'); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Sscan scans space-separated values from str into the arguments;
// newlines count as space.
func Sscan(str string, a ...any) (n int, err error) {
	return scanAll(&scanner{s: str, nlSpace: true}, a)
}

// Sscanln is like Sscan, but stops scanning at a newline, and after the
// final item there must be a newline or the end of the input.
func Sscanln(str string, a ...any) (n int, err error) {
	sc := &scanner{s: str}
	n, err = scanAll(sc, a)
	if err == nil {
		sc.skipSpace()
		if sc.i < len(sc.s) && sc.s[sc.i] != '\n' {
			err = errors.New("expected newline")
		}
	}
	return
}

// Sscanf scans str as format says: verbs take space-separated tokens
// (a token ends early at the format's next literal byte), spaces match any
// amount of space, other bytes must match exactly.
func Sscanf(str string, format string, a ...any) (n int, err error) {
	sc := &scanner{s: str, nlSpace: false}
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c == '%' && i+1 < len(format) {
			i++
			width := 0
			for i < len(format)-1 && '0' <= format[i] && format[i] <= '9' {
				width = width*10 + int(format[i]-'0')
				i++
			}
			verb := format[i]
			if verb == '%' {
				sc.skipSpace()
				if sc.i >= len(sc.s) || sc.s[sc.i] != '%' {
					return n, errors.New("missing literal %")
				}
				sc.i++
				continue
			}
			if n >= len(a) {
				return n, errors.New("too few operands for format '%" + string(verb) + "'")
			}
			var stop byte
			if i+1 < len(format) && format[i+1] != '%' && !isSpace(format[i+1]) {
				stop = format[i+1]
			}
			if verb == 'c' {
				if sc.i >= len(sc.s) {
					return n, io.ErrUnexpectedEOF
				}
				r := []rune(sc.s[sc.i:])[0]
				sc.i += len(string(r))
				switch p := a[n].(type) {
				case *rune:
					*p = r
				case *byte:
					*p = byte(r)
				}
				n++
				continue
			}
			sc.skipSpace()
			start := sc.i
			for sc.i < len(sc.s) && !isSpace(sc.s[sc.i]) && (stop == 0 || sc.s[sc.i] != stop) {
				if width > 0 && sc.i-start >= width {
					break
				}
				sc.i++
			}
			if err := store(a[n], sc.s[start:sc.i], verb); err != nil {
				return n, err
			}
			n++
			continue
		}
		if isSpace(c) {
			sc.skipSpace()
			continue
		}
		sc.skipSpace()
		if sc.i >= len(sc.s) {
			return n, io.ErrUnexpectedEOF
		}
		if sc.s[sc.i] != c {
			return n, errors.New("input does not match format")
		}
		sc.i++
	}
	if n < len(a) {
		return n, errors.New("too many operands")
	}
	return n, nil
}
