package main

import "fmt"

type Counter struct {
	n int
}

func (c Counter) IncValue() {
	c.n++
}

func (c *Counter) IncPointer() {
	c.n++
}

func (c Counter) Get() int {
	return c.n
}

type Celsius float64

func (c Celsius) Fahrenheit() float64 {
	return float64(c)*9/5 + 32
}

func main() {
	var c Counter
	c.IncValue()
	fmt.Println("after value receiver:", c.Get())
	c.IncPointer()
	c.IncPointer()
	fmt.Println("after pointer receiver:", c.Get())

	p := &Counter{n: 10}
	p.IncValue()
	p.IncPointer()
	fmt.Println(p.Get(), p.n, *p)

	fmt.Println(Celsius(100).Fahrenheit(), Celsius(-40).Fahrenheit())
}
