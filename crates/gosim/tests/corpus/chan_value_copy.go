// A send copies the value: arrays and structs arrive as they were when sent,
// while slices, maps and pointers sent through a channel still share what
// they point to.
package main

import "fmt"

type point struct {
	x, y int
	tags [2]string
}

func main() {
	arrays := make(chan [3]int, 1)
	a := [3]int{1, 2, 3}
	arrays <- a
	a[0] = 100
	fmt.Println("array sent, then changed:", <-arrays, a)

	structs := make(chan point, 1)
	p := point{1, 2, [2]string{"a", "b"}}
	structs <- p
	p.x, p.tags[1] = 9, "z"
	fmt.Printf("struct sent, then changed: %+v %+v\n", <-structs, p)

	slices := make(chan []int, 1)
	s := []int{1, 2, 3}
	slices <- s
	s[0] = 100
	got := <-slices
	fmt.Println("slice shares its array:", got)
	got = append(got, 4)
	got[1] = 200
	fmt.Println("after append past cap:", s, got)

	maps := make(chan map[string]int, 1)
	m := map[string]int{"k": 1}
	maps <- m
	m["k"] = 2
	fmt.Println("map shares its entries:", (<-maps)["k"])

	ptrs := make(chan *point, 1)
	ptrs <- &p
	p.y = 77
	fmt.Println("pointer sees later writes:", (<-ptrs).y)

	// Unbuffered: the receiver gets the value as it was at the send, even
	// though the sender changes its variable right after.
	done := make(chan [2]int)
	result := make(chan string)
	go func() {
		v := <-done
		result <- fmt.Sprint("receiver got ", v)
	}()
	pair := [2]int{5, 6}
	done <- pair
	pair[0] = -1
	fmt.Println(<-result, "sender now has", pair)

	// Interface values: the dynamic value is copied at the send too.
	anys := make(chan any, 1)
	anys <- a
	a[1] = -2
	fmt.Println("array in an interface:", <-anys, a)
}
