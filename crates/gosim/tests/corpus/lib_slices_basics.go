package main

import (
	"fmt"
	"slices"
	"strings"
)

type person struct {
	name string
	age  int
}

func main() {
	s := []int{5, 2, 8, 2, 9, 1}
	fmt.Println(slices.Contains(s, 8), slices.Index(s, 2), slices.Index(s, 7))
	fmt.Println(slices.Max(s), slices.Min(s))
	c := slices.Clone(s)
	slices.Sort(c)
	fmt.Println(c, s, slices.IsSorted(c))
	i, found := slices.BinarySearch(c, 8)
	fmt.Println(i, found)
	i, found = slices.BinarySearch(c, 3)
	fmt.Println(i, found)
	fmt.Println(slices.Compact(c))
	slices.Reverse(s)
	fmt.Println(s)
	fmt.Println(slices.Equal(s, []int{1, 9, 2, 8, 2, 5}), slices.Equal([]int{}, nil))
	s = slices.Insert(s, 2, 100, 200)
	fmt.Println(s)
	s = slices.Delete(s, 1, 3)
	fmt.Println(s, len(s))
	s = slices.DeleteFunc(s, func(x int) bool { return x%2 == 0 })
	fmt.Println(s)
	fmt.Println(slices.IndexFunc(s, func(x int) bool { return x > 4 }))
	fmt.Println(slices.ContainsFunc(s, func(x int) bool { return x > 100 }))
	fmt.Println(slices.Compare([]int{1, 2}, []int{1, 3}), slices.Compare([]int{1, 2, 3}, []int{1, 2}))
	fmt.Println(slices.Concat([]int{1}, []int{2, 3}, nil, []int{4}))
	fmt.Println(slices.Repeat([]string{"a", "b"}, 3))
	fmt.Println(slices.Replace([]int{0, 1, 2, 3}, 1, 3, 7))

	people := []person{{"Alice", 30}, {"Bob", 25}, {"Carol", 30}, {"Dan", 25}, {"Eve", 35}}
	slices.SortStableFunc(people, func(a, b person) int { return a.age - b.age })
	fmt.Println(people)
	slices.SortFunc(people, func(a, b person) int { return strings.Compare(b.name, a.name) })
	fmt.Println(people)
	oldest := slices.MaxFunc(people, func(a, b person) int { return a.age - b.age })
	fmt.Println(oldest)
	j, ok := slices.BinarySearchFunc([]person{{"A", 1}, {"B", 5}}, 5, func(p person, t int) int { return p.age - t })
	fmt.Println(j, ok)

	words := strings.Fields("the quick brown fox jumps over the lazy dog")
	slices.Sort(words)
	fmt.Println(words)
	fmt.Println(slices.Compact(words))

	defer func() { fmt.Println("recovered:", recover()) }()
	fmt.Println(slices.Max([]float64{}))
}
