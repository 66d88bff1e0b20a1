package main

import "fmt"

type Animal struct {
	Name string
	Legs int
}

func (a Animal) Describe() string {
	return fmt.Sprintf("%s has %d legs", a.Name, a.Legs)
}

func (a *Animal) Rename(n string) {
	a.Name = n
}

type Dog struct {
	Animal
	Breed string
}

type Counter struct {
	mu    struct{ locked bool }
	count int
}

func main() {
	d := Dog{Animal{"rex", 4}, "collie"}
	fmt.Println(d.Name, d.Describe())
	d.Rename("max")
	fmt.Println(d.Animal.Name, d.Breed)
	fmt.Printf("%v\n%+v\n", d, d)
	p := &d
	p.Legs = 3
	fmt.Println(p.Describe())
	var c Counter
	c.count++
	fmt.Printf("%+v\n", c)
}
