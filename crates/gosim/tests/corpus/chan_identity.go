// Channel values are references: copies compare equal, a direction
// conversion still refers to the same channel, channels work as map keys,
// and nil channels have len and cap 0.
package main

import "fmt"

func main() {
	a := make(chan int, 2)
	b := a
	c := make(chan int, 2)
	var recvA <-chan int = a
	var sendA chan<- int = a
	fmt.Println("copy equal:", a == b, "different make equal:", a == c)
	fmt.Println("directional views equal:", recvA == a, sendA == a)

	sendA <- 7
	fmt.Println("len through the original:", len(a), "received through recv view:", <-recvA)

	var nilch chan string
	fmt.Println("nil:", nilch == nil, len(nilch), cap(nilch))
	fmt.Printf("%T %T %T\n", nilch, recvA, sendA)

	names := map[chan int]string{a: "a", c: "c"}
	names[b] = "b (same as a)"
	fmt.Println("map entries:", len(names), names[a], names[c])

	var anyA, anyB any = a, b
	fmt.Println("as interfaces equal:", anyA == anyB)

	type holder struct {
		ch  chan int
		tag string
	}
	h1, h2 := holder{a, "x"}, holder{b, "x"}
	fmt.Println("structs holding the same channel equal:", h1 == h2)

	arr := [2]chan int{a, nil}
	arr2 := [2]chan int{b, nil}
	fmt.Println("arrays of channels equal:", arr == arr2)

	close(b)
	_, ok := <-a
	fmt.Println("closing a copy closes the channel:", !ok)
}
