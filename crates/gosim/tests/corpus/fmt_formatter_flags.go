// A value whose type has Format(fmt.State, rune) formats itself for every
// verb but %T and %p: it sees the verb, the flags, the width and the
// precision through fmt.State, and what it writes (with Write or
// fmt.Fprintf) lands where the operand stands in the output.
package main

import (
	"fmt"
	"io"
)

type Money struct {
	cents int
}

func (m Money) Format(f fmt.State, verb rune) {
	w, wok := f.Width()
	p, pok := f.Precision()
	fmt.Fprintf(f, "<%c", verb)
	for _, c := range " +-#0" {
		if f.Flag(int(c)) {
			fmt.Fprintf(f, "%c", c)
		}
	}
	if wok {
		fmt.Fprintf(f, " w=%d", w)
	}
	if pok {
		fmt.Fprintf(f, " p=%d", p)
	}
	f.Write([]byte(" " + fmt.FormatString(f, verb)))
	io.WriteString(f, fmt.Sprintf(" $%d.%02d>", m.cents/100, m.cents%100))
}

type Temp float64

func (t Temp) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v', 's':
		fmt.Fprintf(f, fmt.FormatString(f, 'f')+"C", float64(t))
	default:
		fmt.Fprintf(f, fmt.FormatString(f, verb), float64(t))
	}
}

func main() {
	m := Money{1234}
	fmt.Printf("%v|%d|%s|%x|%q\n", m, m, m, m, m)
	fmt.Printf("%+v|%#v|% d|%-8.3x|%08.2f\n", m, m, m, m, m)
	fmt.Printf("%*d|%.*s|%[1]v\n", 5, m, 2, m)
	fmt.Printf("%T %t %U\n", m, m, m)
	fmt.Println(m, "and", m)
	fmt.Print(m, m, "\n")
	s := fmt.Sprint(m)
	fmt.Println(len(s), s)
	fmt.Println(fmt.Sprintf("[%10v]", m))
	t := Temp(21.5)
	fmt.Printf("%v|%.1v|%8.2s|%e|%g\n", t, t, t, t, t)
	fmt.Println(t)
	err := fmt.Errorf("reading %v", t)
	fmt.Println(err)
}
