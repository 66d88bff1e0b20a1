package main

import (
	"fmt"
	"sort"
)

type byLen []string

func (s byLen) Len() int           { return len(s) }
func (s byLen) Less(i, j int) bool { return len(s[i]) < len(s[j]) }
func (s byLen) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

type student struct {
	name  string
	grade int
}

func main() {
	words := []string{"banana", "kiwi", "apple", "fig", "cherry", "date", "plum"}
	sort.Stable(byLen(words))
	fmt.Println(words)
	sort.Sort(sort.Reverse(sort.StringSlice(words)))
	fmt.Println(words)
	fmt.Println(sort.IsSorted(byLen(words)), sort.StringsAreSorted([]string{"a", "b"}))
	nums := []int{5, 2, 6, 3, 1, 4}
	sort.Sort(sort.IntSlice(nums))
	fmt.Println(nums, sort.IntsAreSorted(nums))
	sort.Sort(sort.Reverse(sort.IntSlice(nums)))
	fmt.Println(nums)
	fs := []float64{2.5, -1, 3.25}
	sort.Float64s(fs)
	fmt.Println(fs, sort.SearchFloat64s(fs, 3))

	sorted := []int{1, 3, 5, 7, 9, 11}
	i := sort.Search(len(sorted), func(i int) bool { return sorted[i] >= 7 })
	fmt.Println(i, sort.SearchInts(sorted, 4), sort.SearchInts(sorted, 100))
	fmt.Println(sort.SearchStrings([]string{"a", "c", "e"}, "d"))
	j, found := sort.Find(len(sorted), func(i int) int { return 9 - sorted[i] })
	fmt.Println(j, found)

	students := []student{{"Ann", 90}, {"Bob", 85}, {"Cid", 90}, {"Dee", 70}, {"Eve", 85}}
	sort.SliceStable(students, func(i, j int) bool { return students[i].grade > students[j].grade })
	fmt.Println(students)
	sort.Slice(students, func(i, j int) bool { return students[i].name < students[j].name })
	fmt.Println(students, sort.SliceIsSorted(students, func(i, j int) bool { return students[i].name < students[j].name }))

	big := make([]int, 1000)
	for k := range big {
		big[k] = (k * 7919) % 1000
	}
	sort.Slice(big, func(a, b int) bool { return big[a] < big[b] })
	fmt.Println(big[:5], big[995:], sort.IntsAreSorted(big))
}
