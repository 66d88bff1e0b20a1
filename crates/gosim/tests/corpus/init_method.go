package main

import "fmt"

type Engine struct{ started bool }

// init is an ordinary method here, not a package initializer.
func (e *Engine) init() {
	fmt.Println("Engine.init called")
	e.started = true
}

type Config map[string]string

func (c Config) init() { c["mode"] = "default" }

var order []string

func init() {
	order = append(order, "first init")
}

func init() {
	order = append(order, "second init")
}

func main() {
	fmt.Println(order)
	var e Engine
	fmt.Println("started:", e.started)
	e.init()
	fmt.Println("started:", e.started)
	c := Config{}
	c.init()
	fmt.Println(c)
}
