package main

import (
	"fmt"
)

type Color int

const (
	Red Color = iota
	Green
)

func (c Color) String() string {
	switch c {
	case Red:
		return "red"
	case Green:
		return "green"
	}
	return fmt.Sprintf("Color(%d)", int(c))
}

type TempErr struct {
	Code int
}

func (e TempErr) Error() string {
	return fmt.Sprintf("temporary error %d", e.Code)
}

type box struct {
	C Color
	N int
}

func main() {
	fmt.Println(Red, Green, Color(7))
	fmt.Printf("%v %s %d %q\n", Green, Green, Green, Green)
	fmt.Println([]Color{Red, Green}, box{Green, 1})
	var err error = TempErr{503}
	fmt.Println(err)
	fmt.Printf("%v|%s|%+v\n", err, err, TempErr{1})
	fmt.Println(map[Color]int{Green: 2, Red: 1})
}
