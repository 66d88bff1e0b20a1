package main

// McIlroy's "killer adversary" for quicksort: Less decides the values as
// the sort compares them, always so as to make the chosen pivot a bad one.
// Then Less functions that lie (always true, or a fixed pattern), which
// make every partition as unbalanced as it can be, so that pdqsort gives up
// on quicksort after bits.Len(n) bad pivots and finishes with heapsort.
// The counts of Less and Swap calls show that gosim takes Go's steps; the
// ids show the resulting order.

import (
	"fmt"
	"sort"
)

type adversary struct {
	val        []int // the value of each slot; gas until frozen
	id         []int
	gas        int
	solid      int
	candidate  int
	less, swap int
}

func newAdversary(n int) *adversary {
	a := &adversary{val: make([]int, n), id: make([]int, n), gas: n, candidate: -1}
	for i := range a.val {
		a.val[i] = a.gas
		a.id[i] = i
	}
	return a
}

func (a *adversary) freeze(i int) {
	a.val[i] = a.solid
	a.solid++
}

func (a *adversary) Len() int { return len(a.val) }

func (a *adversary) Less(i, j int) bool {
	a.less++
	if a.val[i] == a.gas && a.val[j] == a.gas {
		if i == a.candidate {
			a.freeze(i)
		} else {
			a.freeze(j)
		}
	}
	if a.val[i] == a.gas {
		a.candidate = i
	} else if a.val[j] == a.gas {
		a.candidate = j
	}
	return a.val[i] < a.val[j]
}

func (a *adversary) Swap(i, j int) {
	a.swap++
	a.val[i], a.val[j] = a.val[j], a.val[i]
	a.id[i], a.id[j] = a.id[j], a.id[i]
	if a.candidate == i {
		a.candidate = j
	} else if a.candidate == j {
		a.candidate = i
	}
}

type liar struct {
	id         []int
	rule       func(i, j int) bool
	less, swap int
}

func (l *liar) Len() int           { return len(l.id) }
func (l *liar) Less(i, j int) bool { l.less++; return l.rule(i, j) }
func (l *liar) Swap(i, j int)      { l.swap++; l.id[i], l.id[j] = l.id[j], l.id[i] }

func lie(name string, n int, rule func(i, j int) bool) {
	l := &liar{id: make([]int, n), rule: rule}
	for i := range l.id {
		l.id[i] = i
	}
	sort.Sort(l)
	fmt.Println(name, n, "less", l.less, "swap", l.swap)
	fmt.Println(" ", l.id[:16], l.id[n-8:])
}

func main() {
	for _, n := range []int{20, 100, 1000} {
		lie("always", n, func(i, j int) bool { return true })
		lie("pattern", n, func(i, j int) bool { return (i*7+j*3)%5 < 2 })
	}
	for _, n := range []int{13, 50, 64, 200, 1000} {
		a := newAdversary(n)
		sort.Sort(a)
		fmt.Println(n, "less", a.less, "swap", a.swap, "sorted", sort.IsSorted(a))
		show := a.id
		if len(show) > 20 {
			show = show[:20]
		}
		fmt.Println(" ", show)
	}
}
