package main

import (
	"fmt"
)

func main() {
    v1 := 1
    if v1 == 1 {
        v1, v2 := 2, 3
        fmt.Println("Inner:", v1, v2)
    }
    fmt.Println("Outer:", v1)
}
