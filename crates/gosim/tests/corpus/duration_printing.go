package main

import (
	"fmt"
	"time"
)

func main() {
	ds := []time.Duration{
		time.Second,
		1500 * time.Millisecond,
		0,
		270 * time.Nanosecond,
		90 * time.Second,
		time.Hour,
		2 * time.Millisecond,
		1500 * time.Nanosecond,
		36*time.Hour + 5*time.Minute + 7*time.Second,
		-3 * time.Second,
		time.Duration(1),
		100 * time.Microsecond,
	}
	for _, d := range ds {
		fmt.Println(d)
	}
	d := 2*time.Second + 300*time.Millisecond
	fmt.Printf("%v %d %s %T\n", d, d, d, d)
	fmt.Println(d.Seconds(), d.Milliseconds(), int64(d/time.Millisecond))
	fmt.Println(time.Minute > time.Second, time.Second*3/2, time.Duration(2.5*float64(time.Second)))
}
