// Encoder for fmt test vectors: writes each operand as the value tree that
// gosim's format module takes (tag, %T type, payload), with Error()/String()
// results precomputed where fmt would call them.
//
// Grammar (all strings are length-prefixed: <len>:<bytes>):
//   N ty                      nil interface ("<nil>" at top level)
//   B ty 0|1                  bool
//   I ty <int>;  U ty <uint>; integers
//   F ty <16 hex bits>;       float64      f ty <8 hex bits>; float32
//   S ty str                  string
//   L ty <u8> <nil> <addr>;<n>; elems...         slice
//   A ty <u8> <n>; elems...                      array
//   M ty <nil> <addr>;<n>; (key value)...        map
//   T ty <n>; (name value)...                    struct
//   P ty <addr>; 0|1 [pointee]                   pointer
//   C ty <addr>;   G ty <addr>;                  chan, func
//   X ty text value           value with Error()/String() result
//   Z ty method panic value   value whose Error()/String() method panicked
package main

import (
	"fmt"
	"math"
	"reflect"
	"strings"
)

func lstr(b *strings.Builder, s string) {
	fmt.Fprintf(b, "%d:%s", len(s), s)
}

func b01(x bool) string {
	if x {
		return "1"
	}
	return "0"
}

// methodText calls Error() or String() the way fmt's handleMethods would:
// kind is "" when neither applies; panicked reports a recovered panic, whose
// value is returned printed with %v.
func methodText(v reflect.Value) (text, method string, panicked bool) {
	if !v.IsValid() || !v.CanInterface() {
		return "", "", false
	}
	defer func() {
		if r := recover(); r != nil {
			text = fmt.Sprint(r)
			panicked = true
		}
	}()
	switch m := v.Interface().(type) {
	case error:
		method = "Error"
		return m.Error(), method, false
	case fmt.Stringer:
		method = "String"
		return m.String(), method, false
	}
	return "", "", false
}

// encArg encodes a top-level operand.
func encArg(b *strings.Builder, a any) {
	if a == nil {
		b.WriteString("N")
		lstr(b, "<nil>")
		return
	}
	v := reflect.ValueOf(a)
	switch v.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.String:
		if v.Type().PkgPath() == "" { // basic unnamed types never reach handleMethods
			encValue(b, v, 0, false)
			return
		}
	}
	encValue(b, v, 0, true)
}

func encValue(b *strings.Builder, v reflect.Value, ptrDepth int, methods bool) {
	t := v.Type()
	ty := t.String()
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			b.WriteString("N")
			lstr(b, ty)
			return
		}
		encValue(b, v.Elem(), ptrDepth, methods)
		return
	}
	if methods {
		text, method, panicked := methodText(v)
		if panicked {
			b.WriteString("Z")
			lstr(b, ty)
			lstr(b, method)
			lstr(b, text)
			encValue(b, v, ptrDepth, false)
			return
		}
		if method != "" {
			b.WriteString("X")
			lstr(b, ty)
			lstr(b, text)
			encValue(b, v, ptrDepth, false)
			return
		}
	}
	switch v.Kind() {
	case reflect.Bool:
		b.WriteString("B")
		lstr(b, ty)
		b.WriteString(b01(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString("I")
		lstr(b, ty)
		fmt.Fprintf(b, "%d;", v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString("U")
		lstr(b, ty)
		fmt.Fprintf(b, "%d;", v.Uint())
	case reflect.Float32:
		b.WriteString("f")
		lstr(b, ty)
		fmt.Fprintf(b, "%08x;", math.Float32bits(float32(v.Float())))
	case reflect.Float64:
		b.WriteString("F")
		lstr(b, ty)
		fmt.Fprintf(b, "%016x;", math.Float64bits(v.Float()))
	case reflect.String:
		b.WriteString("S")
		lstr(b, ty)
		lstr(b, v.String())
	case reflect.Slice:
		b.WriteString("L")
		lstr(b, ty)
		fmt.Fprintf(b, "%s%s%d;%d;", b01(t.Elem().Kind() == reflect.Uint8), b01(v.IsNil()), v.Pointer(), v.Len())
		for i := 0; i < v.Len(); i++ {
			encValue(b, v.Index(i), ptrDepth, true)
		}
	case reflect.Array:
		b.WriteString("A")
		lstr(b, ty)
		fmt.Fprintf(b, "%s%d;", b01(t.Elem().Kind() == reflect.Uint8), v.Len())
		for i := 0; i < v.Len(); i++ {
			encValue(b, v.Index(i), ptrDepth, true)
		}
	case reflect.Map:
		b.WriteString("M")
		lstr(b, ty)
		fmt.Fprintf(b, "%s%d;%d;", b01(v.IsNil()), v.Pointer(), v.Len())
		it := v.MapRange()
		for it.Next() {
			encValue(b, it.Key(), ptrDepth, true)
			encValue(b, it.Value(), ptrDepth, true)
		}
	case reflect.Struct:
		b.WriteString("T")
		lstr(b, ty)
		fmt.Fprintf(b, "%d;", v.NumField())
		for i := 0; i < v.NumField(); i++ {
			lstr(b, t.Field(i).Name)
			encValue(b, v.Field(i), ptrDepth, true)
		}
	case reflect.Pointer:
		b.WriteString("P")
		lstr(b, ty)
		fmt.Fprintf(b, "%d;", v.Pointer())
		if !v.IsNil() && ptrDepth < 3 {
			switch v.Elem().Kind() {
			case reflect.Array, reflect.Slice, reflect.Struct, reflect.Map:
				b.WriteString("1")
				encValue(b, v.Elem(), ptrDepth+1, true)
				return
			}
		}
		b.WriteString("0")
	case reflect.Chan:
		b.WriteString("C")
		lstr(b, ty)
		fmt.Fprintf(b, "%d;", v.Pointer())
	case reflect.Func:
		b.WriteString("G")
		lstr(b, ty)
		fmt.Fprintf(b, "%d;", v.Pointer())
	default:
		panic("unsupported kind " + v.Kind().String())
	}
}
