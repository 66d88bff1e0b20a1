package main

import "fmt"

type Greeter struct {
	name string
}

func (g Greeter) Hello() string {
	return "hello " + g.name
}

func (g *Greeter) SetName(n string) {
	g.name = n
}

func apply(f func() string) string {
	return f() + "!"
}

func main() {
	g := Greeter{"ann"}
	bound := g.Hello
	g.name = "bob"
	fmt.Println(bound(), g.Hello())

	set := g.SetName
	set("cid")
	fmt.Println(g.name, apply(g.Hello))

	expr := Greeter.Hello
	fmt.Println(expr(Greeter{"dee"}))

	fns := []func() string{g.Hello, Greeter{"eve"}.Hello}
	for _, f := range fns {
		fmt.Println(f())
	}
}
