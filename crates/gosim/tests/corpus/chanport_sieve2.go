// Modelled on golang/go test/chan/sieve2.go (BSD-style licence); written independently for gosim's corpus.
//
// An Eratosthenes-style sieve over odd numbers: every prime p starts a
// goroutine streaming its odd multiples from p*p, a merger keeps those
// streams in a min-heap and emits composites in increasing order, and the
// sieve walks the candidates against the composites. Primes are fed back to
// the merger through a proxy goroutine with an unbounded queue (a select
// whose send case is disabled with a nil channel while the queue is empty),
// so the feedback loop can never deadlock.
package main

import "fmt"

func oddsFrom(n int) chan int {
	out := make(chan int, 16)
	go func() {
		for ; ; n += 2 {
			out <- n
		}
	}()
	return out
}

func oddMultiples(p int) chan int {
	out := make(chan int, 4)
	go func() {
		for m := p * p; ; m += 2 * p {
			out <- m
		}
	}()
	return out
}

// stream is one multiples channel and the value last taken from it.
type stream struct {
	next int
	src  chan int
}

// minHeap orders streams by their next value.
type minHeap []*stream

func (h *minHeap) push(s *stream) {
	*h = append(*h, s)
	i := len(*h) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if (*h)[parent].next <= (*h)[i].next {
			break
		}
		(*h)[parent], (*h)[i] = (*h)[i], (*h)[parent]
		i = parent
	}
}

func (h *minHeap) pop() *stream {
	old := *h
	top := old[0]
	last := len(old) - 1
	old[0] = old[last]
	*h = old[:last]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < last && (*h)[l].next < (*h)[m].next {
			m = l
		}
		if r < last && (*h)[r].next < (*h)[m].next {
			m = r
		}
		if m == i {
			break
		}
		(*h)[m], (*h)[i] = (*h)[i], (*h)[m]
		i = m
	}
	return top
}

// proxy returns a channel whose sends never block: it queues values for out.
func proxy(out chan<- int) chan<- int {
	in := make(chan int, 4)
	go func() {
		var queue []int
		for {
			var send chan<- int
			head := 0
			if len(queue) > 0 {
				send = out
				head = queue[0]
			}
			select {
			case v := <-in:
				queue = append(queue, v)
			case send <- head:
				queue = queue[1:]
			}
		}
	}()
	return in
}

func sieve() chan int {
	out := make(chan int, 8)
	out <- 2
	out <- 3
	composites := make(chan int, 32)
	feedback := make(chan int, 8)
	feedback <- 3

	go func() {
		h := &minHeap{}
		for {
			p := <-feedback
			ms := oddMultiples(p)
			square := <-ms
			// Every composite below p*p comes from a smaller prime's stream.
			for len(*h) > 0 && (*h)[0].next < square {
				v := (*h)[0].next
				composites <- v
				for len(*h) > 0 && (*h)[0].next == v {
					s := h.pop()
					s.next = <-s.src
					h.push(s)
				}
			}
			composites <- square
			h.push(&stream{<-ms, ms})
		}
	}()

	go func() {
		primesBack := proxy(feedback)
		cands := oddsFrom(5)
		c := <-cands
		for {
			comp := <-composites
			for c < comp {
				primesBack <- c
				out <- c
				c = <-cands
			}
			if c == comp {
				c = <-cands
			}
		}
	}()
	return out
}

func main() {
	ps := sieve()
	for i := 1; i <= 50; i++ {
		fmt.Printf("%4d", <-ps)
		if i%10 == 0 {
			fmt.Println()
		}
	}
}
