// Package strings as gosim simulates it: natives for the functions, plain
// Go for Builder.
package strings

import (
	"io"
	"iter"
)

func Contains(s, substr string) bool
func ContainsRune(s string, r rune) bool
func ContainsAny(s, chars string) bool
func HasPrefix(s, prefix string) bool
func HasSuffix(s, suffix string) bool
func Index(s, substr string) int
func IndexByte(s string, c byte) int
func IndexRune(s string, r rune) int
func LastIndex(s, substr string) int
func Split(s, sep string) []string
func SplitN(s, sep string, n int) []string
func Fields(s string) []string
func Join(elems []string, sep string) string
func Repeat(s string, count int) string
func Replace(s, old, new string, n int) string
func ReplaceAll(s, old, new string) string
func ToUpper(s string) string
func ToLower(s string) string
func Title(s string) string
func ToTitle(s string) string
func TrimSpace(s string) string
func Trim(s, cutset string) string
func TrimLeft(s, cutset string) string
func TrimRight(s, cutset string) string
func TrimPrefix(s, prefix string) string
func TrimSuffix(s, suffix string) string
func Count(s, substr string) int
func EqualFold(s, t string) bool
func Compare(a, b string) int

func Cut(s, sep string) (before, after string, found bool) {
	if i := Index(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

func CutPrefix(s, prefix string) (after string, found bool) {
	if !HasPrefix(s, prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

func CutSuffix(s, suffix string) (before string, found bool) {
	if !HasSuffix(s, suffix) {
		return s, false
	}
	return s[:len(s)-len(suffix)], true
}

func Clone(s string) string {
	if len(s) == 0 {
		return ""
	}
	return string([]byte(s))
}

func Map(mapping func(rune) rune, s string) string {
	b := make([]byte, 0, len(s))
	changed := false
	for _, c := range s {
		r := mapping(c)
		if r != c {
			changed = true
		}
		if r >= 0 {
			b = append(b, string(r)...)
		}
	}
	if !changed {
		return s
	}
	return string(b)
}

func IndexFunc(s string, f func(rune) bool) int {
	for i, r := range s {
		if f(r) {
			return i
		}
	}
	return -1
}

func LastIndexFunc(s string, f func(rune) bool) int {
	rs := []rune(s)
	end := len(s)
	for i := len(rs) - 1; i >= 0; i-- {
		end -= len(string(rs[i]))
		if f(rs[i]) {
			return end
		}
	}
	return -1
}

func ContainsFunc(s string, f func(rune) bool) bool { return IndexFunc(s, f) >= 0 }

func IndexAny(s, chars string) int {
	for i, r := range s {
		if ContainsRune(chars, r) {
			return i
		}
	}
	return -1
}

func LastIndexAny(s, chars string) int {
	return LastIndexFunc(s, func(r rune) bool { return ContainsRune(chars, r) })
}

func LastIndexByte(s string, c byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func FieldsFunc(s string, f func(rune) bool) []string {
	var out []string
	start := -1
	for i, r := range s {
		if f(r) {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func TrimLeftFunc(s string, f func(rune) bool) string {
	for i, r := range s {
		if !f(r) {
			return s[i:]
		}
	}
	return ""
}

func TrimRightFunc(s string, f func(rune) bool) string {
	i := LastIndexFunc(s, func(r rune) bool { return !f(r) })
	if i < 0 {
		return ""
	}
	for _, r := range s[i:] {
		return s[:i+len(string(r))]
	}
	return s[:i]
}

func TrimFunc(s string, f func(rune) bool) string {
	return TrimRightFunc(TrimLeftFunc(s, f), f)
}

func SplitAfterN(s, sep string, n int) []string {
	if n == 0 {
		return nil
	}
	if sep == "" {
		return Split(s, sep)
	}
	var out []string
	for n < 0 || len(out) < n-1 {
		i := Index(s, sep)
		if i < 0 {
			break
		}
		out = append(out, s[:i+len(sep)])
		s = s[i+len(sep):]
	}
	return append(out, s)
}

func SplitAfter(s, sep string) []string { return SplitAfterN(s, sep, -1) }

// Lines returns an iterator over the newline-terminated lines in s.
func Lines(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for len(s) > 0 {
			var line string
			if i := IndexByte(s, '\n'); i >= 0 {
				line, s = s[:i+1], s[i+1:]
			} else {
				line, s = s, ""
			}
			if !yield(line) {
				return
			}
		}
	}
}

func SplitSeq(s, sep string) iter.Seq[string] {
	parts := Split(s, sep)
	return func(yield func(string) bool) {
		for _, p := range parts {
			if !yield(p) {
				return
			}
		}
	}
}

func FieldsSeq(s string) iter.Seq[string] {
	parts := Fields(s)
	return func(yield func(string) bool) {
		for _, p := range parts {
			if !yield(p) {
				return
			}
		}
	}
}

// Replacer replaces a list of strings with replacements: at each position
// of the input, the first old string (in argument order) that matches wins.
type Replacer struct {
	oldnew []string
}

func NewReplacer(oldnew ...string) *Replacer {
	if len(oldnew)%2 == 1 {
		panic("strings.NewReplacer: odd argument count")
	}
	return &Replacer{append([]string(nil), oldnew...)}
}

func (r *Replacer) Replace(s string) string {
	var b []byte
	hasEmpty := false
	for i := 0; i < len(r.oldnew); i += 2 {
		if r.oldnew[i] == "" {
			hasEmpty = true
		}
	}
	i := 0
	for i <= len(s) {
		matched := false
		for k := 0; k < len(r.oldnew); k += 2 {
			old := r.oldnew[k]
			if old == "" {
				continue
			}
			if HasPrefix(s[i:], old) {
				b = append(b, r.oldnew[k+1]...)
				i += len(old)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		if hasEmpty {
			for k := 0; k < len(r.oldnew); k += 2 {
				if r.oldnew[k] == "" {
					b = append(b, r.oldnew[k+1]...)
					break
				}
			}
		}
		if i == len(s) {
			break
		}
		b = append(b, s[i])
		i++
	}
	return string(b)
}

func (r *Replacer) WriteString(w io.Writer, s string) (n int, err error) {
	return io.WriteString(w, r.Replace(s))
}

// Reader reads from a string.
type Reader struct {
	s string
	i int
}

func NewReader(s string) *Reader { return &Reader{s, 0} }

func (r *Reader) Len() int { return len(r.s) - r.i }

func (r *Reader) Size() int64 { return int64(len(r.s)) }

func (r *Reader) Read(b []byte) (n int, err error) {
	if r.i >= len(r.s) {
		return 0, io.EOF
	}
	n = copy(b, r.s[r.i:])
	r.i += n
	return
}

func (r *Reader) ReadByte() (byte, error) {
	if r.i >= len(r.s) {
		return 0, io.EOF
	}
	b := r.s[r.i]
	r.i++
	return b, nil
}

func (r *Reader) UnreadByte() error {
	if r.i <= 0 {
		return errUnread
	}
	r.i--
	return nil
}

func (r *Reader) ReadRune() (ch rune, size int, err error) {
	if r.i >= len(r.s) {
		return 0, 0, io.EOF
	}
	for _, c := range r.s[r.i:] {
		ch = c
		break
	}
	size = len(string(ch))
	if ch == '\uFFFD' && !HasPrefix(r.s[r.i:], "\uFFFD") {
		size = 1
	}
	r.i += size
	return
}

func (r *Reader) WriteTo(w io.Writer) (n int64, err error) {
	s := r.s[r.i:]
	m, err := io.WriteString(w, s)
	r.i += m
	return int64(m), err
}

type unreadError struct{}

func (unreadError) Error() string { return "strings.Reader.UnreadByte: at beginning of string" }

var errUnread error = unreadError{}

type Builder struct {
	buf []byte
}

func (b *Builder) String() string { return string(b.buf) }
func (b *Builder) Len() int       { return len(b.buf) }
func (b *Builder) Cap() int       { return cap(b.buf) }
func (b *Builder) Reset()         { b.buf = nil }
func (b *Builder) Grow(n int) {
	if n < 0 {
		panic("strings.Builder.Grow: negative count")
	}
}
func (b *Builder) WriteString(s string) (int, error) {
	b.buf = append(b.buf, s...)
	return len(s), nil
}
func (b *Builder) WriteByte(c byte) error {
	b.buf = append(b.buf, c)
	return nil
}
func (b *Builder) WriteRune(r rune) (int, error) {
	s := string(r)
	b.buf = append(b.buf, s...)
	return len(s), nil
}
func (b *Builder) Write(p []byte) (int, error) {
	b.buf = append(b.buf, p...)
	return len(p), nil
}
