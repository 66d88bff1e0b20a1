package main

import (
	"fmt"
	"time"
)

func main() {
	tk := time.NewTicker(200 * time.Millisecond)
	done := time.After(700 * time.Millisecond)
	ticks := 0
loop:
	for {
		select {
		case <-tk.C:
			ticks++
			fmt.Println("tick", ticks)
		case <-done:
			break loop
		}
	}
	tk.Stop()
	fmt.Println("ticks:", ticks)

	tk2 := time.NewTicker(30 * time.Millisecond)
	defer tk2.Stop()
	for i := 0; i < 2; i++ {
		<-tk2.C
	}
	tk2.Reset(60 * time.Millisecond)
	<-tk2.C
	fmt.Println("reset ticker ticked")
}
