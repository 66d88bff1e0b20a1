// Package sort as gosim simulates it. Slice, Sort and their Stable forms
// all sort stably: the order is found first, by a merge sort of indices
// that only calls less, and then applied with swaps. Go's unstable sorts
// (pdqsort) agree with this on up to 12 elements, and whenever equal
// elements are indistinguishable.
package sort

func Ints(x []int)
func Strings(x []string)
func Float64s(x []float64)
func lenOf(x any) int
func swapIn(x any, i, j int)

type Interface interface {
	Len() int
	Less(i, j int) bool
	Swap(i, j int)
}

// order sorts n elements known only through less and swap.
func order(n int, less func(i, j int) bool, swap func(i, j int)) {
	if n < 2 {
		return
	}
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	buf := make([]int, n)
	for width := 1; width < n; width *= 2 {
		for lo := 0; lo < n; lo += 2 * width {
			mid := min(lo+width, n)
			hi := min(lo+2*width, n)
			i, j, k := lo, mid, lo
			for i < mid && j < hi {
				if less(perm[j], perm[i]) {
					buf[k] = perm[j]
					j++
				} else {
					buf[k] = perm[i]
					i++
				}
				k++
			}
			k += copy(buf[k:], perm[i:mid])
			copy(buf[k:], perm[j:hi])
		}
		perm, buf = buf, perm
	}
	// pos[e] is where original element e is now; at[p] is which original
	// element is at position p.
	pos := make([]int, n)
	at := make([]int, n)
	for i := range pos {
		pos[i] = i
		at[i] = i
	}
	for k, e := range perm {
		src := pos[e]
		if src == k {
			continue
		}
		swap(k, src)
		moved := at[k]
		at[k], at[src] = e, moved
		pos[e], pos[moved] = k, src
	}
}

func Slice(x any, less func(i, j int) bool) {
	order(lenOf(x), less, func(i, j int) { swapIn(x, i, j) })
}

func SliceStable(x any, less func(i, j int) bool) { Slice(x, less) }

func SliceIsSorted(x any, less func(i, j int) bool) bool {
	for i := lenOf(x) - 1; i > 0; i-- {
		if less(i, i-1) {
			return false
		}
	}
	return true
}

func Sort(data Interface) { order(data.Len(), data.Less, data.Swap) }

func Stable(data Interface) { Sort(data) }

func IsSorted(data Interface) bool {
	for i := data.Len() - 1; i > 0; i-- {
		if data.Less(i, i-1) {
			return false
		}
	}
	return true
}

type reverse struct {
	Interface
}

func (r reverse) Less(i, j int) bool { return r.Interface.Less(j, i) }

func Reverse(data Interface) Interface { return &reverse{data} }

type IntSlice []int

func (x IntSlice) Len() int           { return len(x) }
func (x IntSlice) Less(i, j int) bool { return x[i] < x[j] }
func (x IntSlice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }
func (x IntSlice) Sort()              { Ints(x) }
func (x IntSlice) Search(v int) int   { return SearchInts(x, v) }

type StringSlice []string

func (x StringSlice) Len() int             { return len(x) }
func (x StringSlice) Less(i, j int) bool   { return x[i] < x[j] }
func (x StringSlice) Swap(i, j int)        { x[i], x[j] = x[j], x[i] }
func (x StringSlice) Sort()                { Strings(x) }
func (x StringSlice) Search(v string) int  { return SearchStrings(x, v) }

type Float64Slice []float64

func (x Float64Slice) Len() int { return len(x) }
func (x Float64Slice) Less(i, j int) bool {
	return x[i] < x[j] || (x[i] != x[i] && x[j] == x[j])
}
func (x Float64Slice) Swap(i, j int)          { x[i], x[j] = x[j], x[i] }
func (x Float64Slice) Sort()                  { Float64s(x) }
func (x Float64Slice) Search(v float64) int   { return SearchFloat64s(x, v) }

func IntsAreSorted(x []int) bool         { return IsSorted(IntSlice(x)) }
func StringsAreSorted(x []string) bool   { return IsSorted(StringSlice(x)) }
func Float64sAreSorted(x []float64) bool { return IsSorted(Float64Slice(x)) }

// Search returns the smallest index i in [0, n) at which f(i) is true,
// assuming that f(i) == true implies f(i+1) == true; n if there is none.
func Search(n int, f func(int) bool) int {
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		if !f(h) {
			i = h + 1
		} else {
			j = h
		}
	}
	return i
}

// Find uses binary search to find the smallest index i in [0, n) at which
// cmp(i) <= 0, and reports whether cmp(i) == 0 there.
func Find(n int, cmp func(int) int) (i int, found bool) {
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		if cmp(h) > 0 {
			i = h + 1
		} else {
			j = h
		}
	}
	return i, i < n && cmp(i) == 0
}

func SearchInts(a []int, x int) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}

func SearchStrings(a []string, x string) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}

func SearchFloat64s(a []float64, x float64) int {
	return Search(len(a), func(i int) bool { return a[i] >= x })
}
