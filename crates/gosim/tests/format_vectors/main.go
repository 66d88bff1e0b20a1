// Command formatvectors records test vectors for gosim's fmt engine from real
// Go. Re-record with ./regen.sh (Go 1.27 toolchain; GO=/path/to/go).
// Pointer-like values are recorded with their real addresses, so every run
// rewrites those numbers.
//
// Each record is one line (strings are length-prefixed, so they may hold
// newlines): the call, its operands encoded as in enc.go, and Go's output.
package main

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"
)

type T struct {
	A int
	B string
}

type Inner struct {
	X, Y int
}

type Outer struct {
	Name  string
	In    Inner
	Ptr   *Inner
	List  []int
	Any   any
	Err   error
	small int
}

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Color int

func (c Color) String() string { return [...]string{"Red", "Green", "Blue"}[c%3] }

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return "code " + strconv.Itoa(e.Code) }

type Named string

type Boom struct{ N int }

func (b Boom) String() string { panic("oops") }

type NP struct{ X int }

func (p *NP) String() string { return "NP" + strconv.Itoa(p.X) }

type hidden struct {
	c Color
	C Color
}

type Key struct {
	A int
	B string
}

var out strings.Builder

// randomPrintfs is how many random Printf calls are recorded.
const randomPrintfs = 3000

func rec(call byte, format string, args ...any) {
	var b strings.Builder
	b.WriteString("V")
	b.WriteByte(call)
	lstr(&b, format)
	fmt.Fprintf(&b, "%d;", len(args))
	for _, a := range args {
		encArg(&b, a)
	}
	var got string
	switch call {
	case 'p':
		got = fmt.Sprintf(format, args...)
	case 's':
		got = fmt.Sprint(args...)
	case 'l':
		got = fmt.Sprintln(args...)
	case 'e':
		got = fmt.Errorf(format, args...).Error()
	}
	lstr(&b, got)
	out.WriteString(b.String())
	out.WriteString("\n")
}

func printf(format string, args ...any) { rec('p', format, args...) }

func main() {
	ints := []any{0, 1, -1, 42, -42, 255, 1000000, math.MaxInt64, math.MinInt64,
		int8(-128), int8(127), int16(-32768), int16(32767), int32(math.MinInt32), int32(math.MaxInt32),
		int64(-9), uint(7), uint8(0), uint8(255), uint16(65535), uint32(math.MaxUint32), uint64(math.MaxUint64),
		uintptr(0xdeadbeef), 'x', 'é', '世', rune(0x1F600), rune(0x7F), rune(0xD800), rune(0x110000), byte('A')}
	floats := []any{0.0, math.Copysign(0, -1), 1.0, -1.0, 1.5, -2.25, 0.1, 0.2 + 0.1, 1.0 / 3, 2.0 / 3, 100.0,
		123456.0, 1234567.0, 1e6, 1e-5, 1e-4, 0.000123, 12345.678, 1e20, 1e21, 1e22, 1e100, -1e-100,
		math.MaxFloat64, math.SmallestNonzeroFloat64, 2.2250738585072014e-308, math.Inf(1), math.Inf(-1), math.NaN(),
		0.5, 2.5, 1.25, 0.125, 9.995, 99.5, 1e15, 123456789.0, 3.14159265358979,
		float32(0.1), float32(1.0 / 3), float32(16777216), float32(math.MaxFloat32), float32(1e-7), float32(2.5),
		float32(math.SmallestNonzeroFloat32), float32(-0.0), float32(3.4e38), Celsius(21.5)}
	strs := []any{"", "hi", "héllo", "世界", "a\tb\nc", "\x00\x01\x7f", "\xff\xfe", "bad\xc3", "quo\"te`back\\",
		"\u200b", "🙂", "\u00a0", "\ufeff", "é\u0301", "\ue000", "\U000e0001", "a`b", "tab\there", "long string here!",
		Named("named"), []byte("bytes"), []byte(nil), []byte{}, [3]byte{1, 2, 250}}
	bools := []any{true, false}
	e1 := errors.New("boom")
	var nilErr error
	var nilPtr *T
	var nilMap map[string]int
	var nilSlice []int
	var nilFunc func()
	var nilChan chan int
	ch := make(chan int)
	comps := []any{
		[]int{1, 2, 3}, []int{}, nilSlice, []string{"a", "b c", ""}, []float64{1, 2.5, math.NaN()},
		[2]int{7, 8}, [0]int{}, []any{1, "a", nil, 2.5, true}, [][]int{{1}, {2, 3}},
		map[string]int{"b": 2, "a": 1, "c": 3}, map[int]string{3: "c", -1: "m", 10: "t", 2: "b"},
		map[float64]string{math.NaN(): "nan", 1.5: "x", -2: "y", math.Inf(1): "inf", math.Inf(-1): "-inf"},
		map[bool]int{true: 1, false: 0}, map[[2]int]string{{2, 1}: "b", {1, 9}: "a", {1, 2}: "c"},
		map[Key]int{{2, "a"}: 1, {1, "z"}: 2, {1, "b"}: 3}, map[uint8]bool{200: true, 3: false},
		map[any]int{"b": 1, "a": 2, nil: 0}, map[string][]int{"x": {1}, "w": nil}, nilMap, map[string]int{},
		map[rune]int{'b': 1, 'a': 2},
		T{1, "x"}, T{}, Inner{-1, 2}, &T{5, "p"}, &Inner{}, &[]int{1, 2}, &map[string]int{"k": 1}, &[2]string{"q", "r"},
		Outer{Name: "o", In: Inner{1, 2}, List: []int{3}, Any: 4.5, small: 9},
		Outer{Any: T{1, "x"}, Err: e1}, struct{}{}, struct{ A, B any }{nil, []int(nil)},
		nilPtr, nilFunc, nilChan, nilErr, nil, e1, &MyErr{7}, Color(1), []Color{0, 1, 2}, map[Color]int{2: 1, 0: 5},
		hidden{1, 2}, []error{e1, nil}, time.Duration(1500) * time.Millisecond, []time.Duration{1, 2000},
		struct{ D time.Duration }{3 * time.Second}, Named("n"), []Named{"a"}, map[Named]Named{"k": "v"},
		[]*int{nil}, ch,
	}
	all := append(append(append(append([]any{}, ints...), floats...), strs...), bools...)
	all = append(all, comps...)

	verbs := []string{"v", "+v", "#v", "T", "d", "s", "q", "t", "x", "X", "o", "O", "b", "c", "U", "#U",
		"e", "E", "f", "F", "g", "G", "z", "w", "#x", "#o", "+q", "#q", "% x", "% #x"}
	for _, a := range all {
		for _, v := range verbs {
			printf("%"+v, a)
		}
	}

	flagSets := []string{"", "+", "-", " ", "0", "#", "5", "-5", "05", "+05", "-012", ".0", ".1",
		".3", ".10", "8.3", "-8.3", "08.3", "+08.3", " 8.3", "# 8.3", "#.0"}
	// The flag cross product uses every other scalar to keep the file small.
	every2 := func(xs []any) []any {
		var r []any
		for i := 0; i < len(xs); i += 2 {
			r = append(r, xs[i])
		}
		return r
	}
	numVerbs := []string{"d", "x", "X", "o", "b", "c", "q", "U", "v"}
	for _, a := range every2(ints) {
		for _, f := range flagSets {
			for _, v := range numVerbs {
				printf("["+"%"+f+v+"]", a)
			}
		}
	}
	floatVerbs := []string{"e", "E", "f", "g", "G", "v", "x", "b"}
	for _, a := range every2(floats) {
		for _, f := range flagSets {
			for _, v := range floatVerbs {
				printf("["+"%"+f+v+"]", a)
			}
		}
	}
	strVerbs := []string{"s", "q", "x", "X", "v"}
	for _, a := range strs {
		for _, f := range flagSets {
			for _, v := range strVerbs {
				printf("["+"%"+f+v+"]", a)
			}
		}
	}
	for _, f := range []string{"5", "-5", "05", ".2"} {
		for _, a := range []any{true, nil, nilPtr, T{1, "x"}, []int{1, 2}, e1, Color(2), nilErr, []string{"ab", "c"}} {
			printf("[%"+f+"v]", a)
			printf("[%"+f+"s]", a)
			printf("[%"+f+"d]", a)
		}
	}
	// Precisions for float formats across a range.
	for _, x := range []float64{0, 1, 0.5, 1.5, 2.5, 123.456, 0.000123456, 9.9999, 1e10, 1.23456789e-10, 5e-324, 1.7976931348623157e308} {
		for p := 0; p <= 20; p += 3 {
			for _, v := range []string{"e", "f", "g", "x"} {
				printf("%."+strconv.Itoa(p)+v, x)
			}
		}
		printf("%.50f", x)
		printf("%.40e", x)
		printf("%#g|%#.3g|%#e|%#.0f|%#.0e", x, x, x, x, x)
	}

	// Random format strings over random operands (fixed seed).
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"%", "%", "%", "#", "+", "-", " ", "0", "1", "5", "12", ".", ".", "*", "[1]", "[2]", "[9]",
		"v", "d", "s", "q", "x", "X", "e", "f", "g", "T", "c", "U", "t", "p", "b", "o", "z", "w", "!", "é", " lit "}
	for i := 0; i < randomPrintfs; i++ {
		var f strings.Builder
		for n := rng.IntN(10); n >= 0; n-- {
			f.WriteString(pieces[rng.IntN(len(pieces))])
		}
		var args []any
		for n := rng.IntN(4); n > 0; n-- {
			if rng.IntN(4) == 0 {
				args = append(args, rng.IntN(20)-5)
			} else {
				args = append(args, all[rng.IntN(len(all))])
			}
		}
		printf(f.String(), args...)
	}

	// Printf mechanics and errors.
	printf("%d %d", 1)
	printf("%d", 1, "a", nil, 2.5)
	printf("no verbs", 1)
	printf("%")
	printf("%-")
	printf("abc%")
	printf("%!")
	printf("%ä", 1)
	printf("%[2]d %[1]d", 1, 2)
	printf("%[3]d", 1, 2)
	printf("%[0]d", 1)
	printf("%[x]d", 1)
	printf("%[1]d %d", 1, 2)
	printf("%[2]*[1]d", 12, 5)
	printf("%[3]*.[2]*[1]f", 12.0, 2, 6)
	printf("%*d|%-*d|%*d", 5, 1, 5, 2, -5, 3)
	printf("%.*d|%.*f", 3, 7, 2, 3.14159)
	printf("%*d", "x", 1)
	printf("%.*d", "x", 1)
	printf("%.*d", -1, 1)
	printf("%*d", 10000000, 1)
	printf("%*d", uint(3), 1)
	printf("%d%%%d", 1, 2)
	printf("%5%|%-5%")
	printf("%v %v", struct{}{})
	printf("%[1]v %[1]T", 3.5)
	printf("%d %s", "str", 5)
	printf("%s", nil)
	printf("%d", nil)
	printf("%T %T", nil, nilErr)
	printf("%p", 5)
	printf("%p", nilPtr)
	printf("%p", nilMap)
	printf("%#p", nilSlice)
	printf("%.2s|%.0s|%.5s", "héllo", "abc", "ab")
	printf("%5.1s|%-5.1s|", "xyz", "xyz")
	printf("%x|%X|% x|%#x|%# X", "héllo", "héllo", "héllo", "héllo", "héllo")
	printf("%08.3f|%-08.3f|%+08.3f|% 08.3f", -3.14159, 3.14159, 3.14159, 3.14159)
	printf("%010s|%-010s|%010q", "ab", "ab", "ab")
	printf("%06d|%-06d|%+06d|% 06d|%06x", -42, -42, 42, 42, -255)
	printf("%.3d|%8.3d|%08.3d|%-8.3d|%.0d|%5.0d|", 7, 7, 7, 7, 0, 0)
	printf("%#o|%#x|%#X|%#b|%O", 8, 255, 255, 5, 8)
	printf("%+d|%+d|% d|% d", 5, -5, 5, -5)
	printf("%c|%c|%c|%c", 65, 0x4E16, -1, 0x110000)
	printf("%q|%+q|%#q|%#+q", 'x', '世', '\n', '世')
	printf("%U|%#U|%#U|%.6U|%#10U|%-10U|", 0x1F600, 'x', 0x0A, 0x41, 'x', 'x')
	printf("%t|%5t|%-6t|", true, false, true)
	printf("%v|%d|%s", []byte("hi"), []byte("hi"), []byte("hi"))
	printf("%x|%X|% x|%#x|%q", []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"))
	printf("%s|%v|%d|%x", []string{"a", "b"}, []string{"a", "b"}, []string{"a"}, []string{"hi", "yo"})
	printf("%q", []string{"a", "b\n"})
	printf("%x", []int{10, 255})
	printf("%v|%+v|%#v", e1, e1, e1)
	printf("%s|%v|%d", Color(1), Color(1), Color(1))
	printf("%v|%.2f|%s", Celsius(3), Celsius(3), Celsius(3))
	printf("%w", e1)
	printf("%v %s %d", time.Second, 90*time.Minute, time.Millisecond)
	var nilNP *NP
	var nilMyErr *MyErr
	printf("%v|%s|%d|%5v|%q|%#v", Boom{1}, Boom{2}, Boom{3}, Boom{4}, Boom{5}, Boom{6})
	printf("%v|%s|%d|%x|%+v", nilNP, nilNP, nilNP, nilNP, &NP{3})
	printf("%v|%v|%v", []*NP{nilNP, {1}}, []Boom{{1}}, nilMyErr)
	rec('l', "", nilNP, nilMyErr, Boom{}, struct{ B Boom }{})
	rec('e', "x: %w", nilMyErr)
	rec('e', "wrap: %w", e1)
	rec('e', "wrap: %w and %v", e1, 3)
	rec('e', "%w", nil)
	rec('e', "%w", 5)
	rec('e', "plain %d", 5)

	// Print and Println spacing.
	rec('s', "", 1, 2)
	rec('s', "", "a", 1, "b")
	rec('s', "", 1, "a", 2)
	rec('s', "", "a", "b")
	rec('s', "", 1, 2.5, true, nil, nil)
	rec('s', "", e1, e1)
	rec('s', "", Named("x"), Named("y"), 3)
	rec('s', "", Color(0), Color(1))
	rec('s', "", []int{1}, []int{2})
	rec('s', "")
	rec('l', "")
	rec('l', "", 1, "a", 2.5, nil, true, []int{1, 2}, map[string]int{"z": 1, "a": 2})
	rec('l', "", "a\x00b\xff\n", "é")
	rec('l', "", e1, nilErr, nilPtr, T{1, "x"}, &T{2, "y"})
	rec('l', "", 1e6, 1e21, 1e20, 123456789.0, 0.000001, 0.0001, float32(0.1), 100.0)
	rec('l', "", int8(-5), uint64(math.MaxUint64), 'a', byte('a'))
	rec('l', "", time.Duration(0), time.Nanosecond, 1500*time.Microsecond)

	os.Stdout.WriteString(out.String())
	extra()
}
