package main

import (
	"fmt"
	"slices"
	"sort"
)

type rec struct {
	name string
	age  int
}

type byAge []rec

func (a byAge) Len() int           { return len(a) }
func (a byAge) Less(i, j int) bool { return a[i].age < a[j].age }
func (a byAge) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }

func people() []rec {
	return []rec{{"ann", 30}, {"bob", 25}, {"cid", 30}, {"dee", 25}, {"eve", 40}, {"fay", 30}, {"gus", 25}, {"hal", 40}}
}

func main() {
	// Up to 12 elements Go's pdqsort is an insertion sort: equal keys keep
	// their order, whichever sort is used.
	a := people()
	sort.Slice(a, func(i, j int) bool { return a[i].age < a[j].age })
	fmt.Println(a)
	b := people()
	sort.Sort(byAge(b))
	fmt.Println(b)
	c := people()
	slices.SortFunc(c, func(x, y rec) int { return y.age - x.age })
	fmt.Println(c)
	d := people()
	sort.Stable(sort.Reverse(byAge(d)))
	fmt.Println(d)
	big := make([]rec, 40)
	for i := range big {
		big[i] = rec{fmt.Sprint("p", i), i % 4}
	}
	sort.SliceStable(big, func(i, j int) bool { return big[i].age < big[j].age })
	fmt.Println(big[:6], big[34:])
	slices.SortStableFunc(big, func(x, y rec) int { return y.age - x.age })
	fmt.Println(big[:4])
}
