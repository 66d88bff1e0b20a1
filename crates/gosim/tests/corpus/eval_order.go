package main

import "fmt"

type Machine struct {
	state string
	n     int
}

func (m *Machine) Transition(to string) string {
	old := m.state
	m.state = to
	m.n++
	return old
}

var g = 1

func bump() int {
	g++
	return g
}

func set(p *int, v int) int {
	*p = v
	return v
}

type T struct{ a, b int }

func main() {
	m := &Machine{state: "idle"}
	fmt.Println(m.state, m.Transition("running"))
	fmt.Println(m.n, m.state, m.Transition("done"), m.n)

	x := 1
	fmt.Println(x, set(&x, 2), x)
	fmt.Println(g, bump(), g)

	arr := []int{10, 20, 30}
	i := 0
	fmt.Println(arr[i], set(&i, 2), arr[i])

	s := "a"
	fmt.Println(s+"!", func() string { s = "b"; return s }(), s)

	t := T{1, 2}
	fmt.Println(t.a, set(&t.a, 5), t)
	p := &t
	fmt.Println(p.b, set(&p.b, 9), *p)

	mp := map[string]int{"k": 1}
	fmt.Println(mp["k"], func() int { mp["k"] = 7; return 0 }(), mp["k"])

	y := 3
	sum := y + set(&y, 10)
	fmt.Println(sum, y)
	z := 3
	z2 := set(&z, 10) + z
	fmt.Println(z2)
	a, b := x, set(&x, 100)
	fmt.Println(a, b)
	v := []int{x, set(&x, 200), x}
	fmt.Println(v)
	w := 1
	fmt.Println(w*2, set(&w, 5)*2, -w)
	u := 1
	fmt.Println(len(arr[:u]), set(&u, 3), u)
	ch := make(chan int, 3)
	q := 1
	ch <- q + set(&q, 4)
	fmt.Println(<-ch)
}
