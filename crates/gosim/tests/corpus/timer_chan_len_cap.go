// lang: 1.21
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(time.Second)
	fmt.Println(len(t.C), cap(t.C))
	tk := time.NewTicker(time.Second)
	fmt.Println(len(tk.C), cap(tk.C))
	var f float32 = 0
	fmt.Println(-f, -float32(0))
	x := float32(0.1)
	fmt.Println(x*3, float64(x)*3)
	time.Sleep(2 * time.Second)
	fmt.Println(len(t.C), cap(t.C))
}
