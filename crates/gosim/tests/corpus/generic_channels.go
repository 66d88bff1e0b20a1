package main

import (
	"fmt"
	"sync"
)

// Generate sends each value on a new channel, then closes it.
func Generate[T any](vs ...T) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out)
		for _, v := range vs {
			out <- v
		}
	}()
	return out
}

// Stage applies f to every value of in.
func Stage[In, Out any](in <-chan In, f func(In) Out) <-chan Out {
	out := make(chan Out)
	go func() {
		defer close(out)
		for v := range in {
			out <- f(v)
		}
	}()
	return out
}

// Merge fans several channels into one.
func Merge[T any](cs ...<-chan T) <-chan T {
	out := make(chan T, len(cs))
	var wg sync.WaitGroup
	wg.Add(len(cs))
	for _, c := range cs {
		go func(c <-chan T) {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func Collect[T any](c <-chan T) []T {
	var out []T
	for v := range c {
		out = append(out, v)
	}
	return out
}

// SafeMap is a mutex-guarded map.
type SafeMap[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

func (s *SafeMap[K, V]) Update(k K, f func(V) V) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = make(map[K]V)
	}
	s.m[k] = f(s.m[k])
}

func (s *SafeMap[K, V]) Get(k K) V {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[k]
}

// Pool runs f on each job with n workers and returns results in job order.
func Pool[J, R any](n int, jobs []J, f func(J) R) []R {
	results := make([]R, len(jobs))
	idx := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range idx {
				results[i] = f(jobs[i])
			}
		}()
	}
	for i := range jobs {
		idx <- i
	}
	close(idx)
	wg.Wait()
	return results
}

func main() {
	squares := Stage(Generate(1, 2, 3, 4), func(n int) int { return n * n })
	labels := Stage(squares, func(n int) string { return fmt.Sprintf("<%d>", n) })
	fmt.Println(Collect(labels))

	merged := Collect(Merge(Generate("a", "b"), Generate("c"), Generate[string]()))
	fmt.Println(len(merged), merged)

	var counts SafeMap[string, int]
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			counts.Update([]string{"even", "odd"}[i%2], func(n int) int { return n + 1 })
		}(i)
	}
	wg.Wait()
	fmt.Println(counts.Get("even"), counts.Get("odd"), counts.Get("none"))

	lens := Pool(3, []string{"goroutine", "chan", "select", "mutex"}, func(s string) int { return len(s) })
	fmt.Println(lens)
}
