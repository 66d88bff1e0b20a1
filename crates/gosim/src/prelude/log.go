// Package log as gosim simulates it: the standard logger's Print, Fatal
// and Panic families, writing to stderr with the date and time of the
// virtual clock (log.LstdFlags).
package log

import (
	"fmt"
	"os"
	"time"
)

var prefix string
var flags = 3

const (
	Ldate = 1 << iota
	Ltime
	Lmicroseconds
	Llongfile
	Lshortfile
	LUTC
	Lmsgprefix
	LstdFlags = Ldate | Ltime
)

func SetFlags(flag int)    { flags = flag }
func Flags() int           { return flags }
func SetPrefix(p string)   { prefix = p }
func Prefix() string       { return prefix }

func output(s string) {
	h := prefix
	now := time.Now()
	if flags&Ldate != 0 {
		h += now.Format("2006/01/02 ")
	}
	if flags&(Ltime|Lmicroseconds) != 0 {
		h += now.Format("15:04:05 ")
	}
	if len(s) == 0 || s[len(s)-1] != '\n' {
		s += "\n"
	}
	print(h + s)
}

func Print(v ...any)                 { output(fmt.Sprint(v...)) }
func Printf(format string, v ...any) { output(fmt.Sprintf(format, v...)) }
func Println(v ...any)               { output(fmt.Sprintln(v...)) }

func Fatal(v ...any) {
	output(fmt.Sprint(v...))
	os.Exit(1)
}

func Fatalf(format string, v ...any) {
	output(fmt.Sprintf(format, v...))
	os.Exit(1)
}

func Fatalln(v ...any) {
	output(fmt.Sprintln(v...))
	os.Exit(1)
}

func Panic(v ...any) {
	s := fmt.Sprint(v...)
	output(s)
	panic(s)
}

func Panicf(format string, v ...any) {
	s := fmt.Sprintf(format, v...)
	output(s)
	panic(s)
}
