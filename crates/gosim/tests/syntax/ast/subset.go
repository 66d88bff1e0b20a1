// A program touching every construct of gosim's subset, for the parser.
package main

import (
	"context"
	"errors"
	"fmt"
	str "strings"
	"sync"
	"sync/atomic"
	"time"
)

import _ "os"

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	_
	Thursday
)

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
)

const single = 'x'

var (
	mu      sync.Mutex
	counter int64
	table   = map[string][]int{"a": {1, 2}, "b": nil}
	grid    = [...][2]int{{1, 2}, {3, 4}}
	pts     = []*Point{{1, 2}, {X: 3}}
)

type Point struct {
	X, Y int `json:"x"`
}

type Base struct{ id int }

func (b Base) ID() int { return b.id }

type Named struct {
	Base
	*sync.Mutex
	sync.WaitGroup
	name string
	tags map[string]struct{}
	ch   chan<- int
	rch  <-chan int
	cch  chan (<-chan int)
	fn   func(int, ...string) (bool, error)
}

type Shape interface {
	Area() float64
	fmt.Stringer
}

type Alias = Point

type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *Counter) Inc(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[key]++
}

func (p Point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

func divmod(a, b int) (q, r int) {
	defer func() {
		if e := recover(); e != nil {
			q, r = -1, -1
		}
	}()
	q = a / b
	r = a % b
	return
}

func sum(xs ...int) (total int) {
	for _, x := range xs {
		total += x
	}
	return total
}

func producer(out chan<- int, n int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := range n {
		out <- i
	}
	close(out)
}

func classify(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprint("int ", x)
	case error:
		return x.Error()
	case *Point, []byte, map[string]int, func(), chan int:
		return "other"
	default:
		return "?"
	}
}

func main() {
	var wg sync.WaitGroup
	ch := make(chan int, 3)
	wg.Add(1)
	go producer(ch, 3, &wg)
	for v := range ch {
		fmt.Println(v)
	}
	wg.Wait()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}()
	<-done

	results := make(chan int)
	go func() { results <- 1 }()
	var ok bool
	var got int
	select {
	case got, ok = <-results:
		fmt.Println(got, ok)
	case v, ok := <-results:
		_, _ = v, ok
	case ch <- 1:
	default:
	}

	m := map[Point]string{{1, 2}: "a", Point{3, 4}: "b"}
	delete(m, Point{1, 2})
	if s, found := m[Point{3, 4}]; found && len(s) > 0 {
		fmt.Println(s)
	} else if !found {
		fmt.Println("missing")
	} else {
		fmt.Println("empty")
	}
	for k, v := range m {
		fmt.Println(k, v)
	}
	for range 3 {
	}
	for i := 0; i < 10; i++ {
		if i%2 == 0 {
			continue
		}
	}
	for x := range []int{1, 2} {
		_ = x
	}
	for p := (Point{}); p.X < 3; p.X++ {
	}
	i := 0
	for i < 3 {
		i++
	}
	for {
		break
	}

outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			switch {
			case i == j:
				continue outer
			case i > j:
				break outer
			}
		}
	}

	switch x := 5; x {
	case 1, 2:
		fallthrough
	case 3:
	default:
	}

	b := []byte("héllo\xff\n")
	r := []rune(str.ToUpper(string(b)))
	var pt *Point = &Point{X: 1}
	pp := (*Point)(pt)
	pt.X, pt.Y = pt.Y, pt.X
	arr := [3]int{1, 2, 3}
	sl := arr[1:2:3]
	sl = append(sl[:1], sl[1:]...)
	x := 0x_1F + 0o17 + 0b1010 + 017 + 1_000
	f := 1e9 + .5 + 0x1p-2 + 3.
	x <<= 2
	x &^= 1
	x = -x + ^x&^x | x>>1 ^ x<<2
	neg := !(x > 2 && x <= 3 || x != 4)
	var at atomic.Int64
	at.Add(1)
	atomic.AddInt64(&counter, 1)
	err := fmt.Errorf("wrap: %w", errors.New("boom"))
	if errors.Is(err, context.Canceled) {
		panic(err)
	}
	fn := func(a, b int) int { return a + b }
	type local struct{ v int }
	const c = len("abc")
	var ro <-chan int = ch
	var so chan<- int = ch
	var fns []func() error
	var iface interface{ M() }
	_, _, _, _, _, _, _, _, _, _, _, _, _ = r, pp, f, neg, fn, local{1}, ro, so, fns, iface, c, single, grid
	_, _ = sum(1, 2), sum([]int{1}...)
	fmt.Printf("%v %d %s %q\n", pts, x, `raw
string`, 'a')
	q, _ := divmod(7, 2)
	fmt.Println(q, classify(q), Sunday, Thursday, KB, GB, table, mu.TryLock())
}
