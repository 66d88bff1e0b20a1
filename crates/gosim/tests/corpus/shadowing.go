package main

import (
	"errors"
	"fmt"
)

func fetch(ok bool) (string, error) {
	if !ok {
		return "", errors.New("fetch failed")
	}
	return "data", nil
}

func process() (err error) {
	if true {
		_, err := fetch(false)
		if err != nil {
			fmt.Println("inner err:", err)
		}
	}
	return err
}

func main() {
	fmt.Println("returned:", process())

	x := 1
	{
		x := 2
		x++
		fmt.Println("block x:", x)
	}
	fmt.Println("outer x:", x)

	if x := "string now"; len(x) > 0 {
		fmt.Println("if x:", x)
	}
	for x := 0; x < 2; x++ {
		fmt.Println("loop x:", x)
	}
	fmt.Println("still", x)

	fmt := "shadowing the package"
	_ = fmt
}
