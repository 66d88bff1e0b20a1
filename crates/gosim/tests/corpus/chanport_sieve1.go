// Modelled on golang/go test/chan/sieve1.go (BSD-style licence); written independently for gosim's corpus.
//
// The daisy-chain prime sieve: a counter feeds a growing line of filter
// goroutines, one per prime found so far, each dropping the multiples of its
// prime. The chain is left running when main returns.
package main

import "fmt"

func count(from int, out chan<- int) {
	for k := from; ; k++ {
		out <- k
	}
}

func drop(p int, in <-chan int, out chan<- int) {
	for k := range in {
		if k%p != 0 {
			out <- k
		}
	}
}

func primes(found chan<- int) {
	head := make(chan int)
	go count(2, head)
	for {
		p := <-head
		found <- p
		tail := make(chan int)
		go drop(p, head, tail)
		head = tail
	}
}

func main() {
	found := make(chan int)
	go primes(found)
	sum := 0
	for i := 1; i <= 40; i++ {
		p := <-found
		sum += p
		fmt.Printf("%4d", p)
		if i%10 == 0 {
			fmt.Println()
		}
	}
	fmt.Println("sum of the first 40 primes:", sum)
}
