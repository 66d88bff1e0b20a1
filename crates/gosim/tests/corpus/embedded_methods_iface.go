// Methods promoted from embedded fields make the outer type satisfy
// interfaces: value and pointer receivers, an embedded pointer, two levels
// of embedding, an embedded interface, sync.Mutex as a sync.Locker, a
// promoted String used by fmt (also for nested fields), and a promoted
// method through a nil embedded pointer panicking.
package main

import (
	"errors"
	"fmt"
	"sync"
)

type In struct{ n int }

func (i In) Name() string { return fmt.Sprint("in", i.n) }
func (i *In) Set(n int)   { i.n = n }

type Out struct{ In }
type POut struct{ *In }
type Deep struct {
	Out
	x int
}

type Namer interface{ Name() string }
type Setter interface {
	Namer
	Set(int)
}

type Celsius struct{ v float64 }

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", c.v) }

type Reading struct {
	Celsius
	Where string
}

type WithErr struct {
	error
	code int
}

type Locked struct {
	sync.Mutex
	n int
}

type Box struct {
	R  Reading
	P  *Reading
	E  WithErr
	rs []Reading
}

func main() {
	var x any = Out{In{1}}
	_, ok := x.(Setter)
	fmt.Println(x.(Namer).Name(), ok)
	o := &Out{In{2}}
	var s Setter = o
	s.Set(5)
	fmt.Println(s.Name(), o.n)
	p := POut{&In{3}}
	var s2 Setter = p
	s2.Set(7)
	fmt.Println(s2.Name(), p.n)
	d := &Deep{Out{In{4}}, 0}
	var s3 Setter = d
	s3.Set(9)
	fmt.Println(s3.Name(), d.n)
	r := Reading{Celsius{21.5}, "kitchen"}
	fmt.Println(r, &r, []Reading{r})
	var e error = WithErr{errors.New("inner"), 3}
	fmt.Println(e)
	fmt.Printf("%v\n%+v\n", Box{r, &r, WithErr{e, 4}, []Reading{r}}, Box{R: r, E: WithErr{e, 5}})
	var l sync.Locker = &Locked{}
	l.Lock()
	l.Unlock()
	var n Namer = POut{}
	defer func() { fmt.Println("recovered:", recover()) }()
	fmt.Println(n.Name())
}
