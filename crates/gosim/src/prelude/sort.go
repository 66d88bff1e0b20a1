// Package sort as gosim simulates it. Slice and Sort run Go's
// pattern-defeating quicksort (pdqsort) step for step, so elements that
// compare equal end in the same, unstable, order as in Go; the Stable forms
// find the order by a merge sort of indices that only calls less, and then
// apply it with swaps.
package sort

func Ints(x []int)
func Strings(x []string)
func lenOf(x any) int
func swapIn(x any, i, j int)

type Interface interface {
	Len() int
	Less(i, j int) bool
	Swap(i, j int)
}

// bitLen is math/bits.Len: the number of bits needed to write n.
func bitLen(n uint) int {
	l := 0
	for ; n != 0; n >>= 1 {
		l++
	}
	return l
}

// unstable sorts data[0:n] as Go's pdqsort does: its depth budget (the
// number of bad pivots it tolerates before falling back to heapsort) is
// the bit length of n.
func unstable(n int, less func(i, j int) bool, swap func(i, j int)) {
	if n < 2 {
		return
	}
	s := &pdq{less, swap}
	s.sort(0, n, bitLen(uint(n)))
}

// pdq is one pdqsort run over elements known only through less and swap.
// Every comparison and swap happens in Go's order: the order of equal
// elements depends on it.
type pdq struct {
	less func(i, j int) bool
	swap func(i, j int)
}

// What choosePivot learned about data[a:b] from its samples.
const (
	hintUnknown = iota
	hintAscending
	hintDescending
)

// sort sorts [a, b). Go recurses into the shorter side and loops on the
// longer one; so does this.
func (s *pdq) sort(a, b, budget int) {
	balanced, partitioned := true, true
	for {
		n := b - a
		if n <= 12 {
			s.insertion(a, b)
			return
		}
		if budget == 0 {
			s.heap(a, b)
			return
		}
		if !balanced {
			s.scatter(a, b)
			budget--
		}
		p, hint := s.pivot(a, b)
		if hint == hintDescending {
			s.reverse(a, b)
			// The pivot moved with the reversal.
			p = b - 1 - (p - a)
			hint = hintAscending
		}
		if balanced && partitioned && hint == hintAscending && s.nearlySorted(a, b) {
			return
		}
		// The element before this range is a pivot of an earlier round and
		// no greater than anything here: if it equals this pivot, the range
		// starts with a run of equal elements that needs no more sorting.
		if a > 0 && !s.less(a-1, p) {
			a = s.partitionEqual(a, b, p)
			continue
		}
		mid, already := s.partition(a, b, p)
		partitioned = already
		left, right := mid-a, b-mid
		if left < right {
			balanced = left >= n/8
			s.sort(a, mid, budget)
			a = mid + 1
		} else {
			balanced = right >= n/8
			s.sort(mid+1, b, budget)
			b = mid
		}
	}
}

func (s *pdq) insertion(a, b int) {
	for i := a + 1; i < b; i++ {
		for j := i; j > a && s.less(j, j-1); j-- {
			s.swap(j, j-1)
		}
	}
}

// sift restores the max-heap below root in the heap of n elements at base.
func (s *pdq) sift(root, n, base int) {
	for {
		c := 2*root + 1
		if c >= n {
			return
		}
		if c+1 < n && s.less(base+c, base+c+1) {
			c++
		}
		if !s.less(base+root, base+c) {
			return
		}
		s.swap(base+root, base+c)
		root = c
	}
}

func (s *pdq) heap(a, b int) {
	n := b - a
	for i := (n - 1) / 2; i >= 0; i-- {
		s.sift(i, n, a)
	}
	for i := n - 1; i >= 0; i-- {
		s.swap(a, a+i)
		s.sift(0, i, a)
	}
}

// partition moves the pivot to a, then everything less than it before
// everything else, and the pivot between them; it returns the pivot's new
// place and whether nothing had to move.
func (s *pdq) partition(a, b, p int) (int, bool) {
	s.swap(a, p)
	i, j := a+1, b-1
	first := true
	for {
		for i <= j && s.less(i, a) {
			i++
		}
		for i <= j && !s.less(j, a) {
			j--
		}
		if i > j {
			s.swap(j, a)
			return j, first
		}
		first = false
		s.swap(i, j)
		i++
		j--
	}
}

// partitionEqual moves the elements equal to the pivot (none is less) to
// the front and returns where the greater ones start.
func (s *pdq) partitionEqual(a, b, p int) int {
	s.swap(a, p)
	i, j := a+1, b-1
	for {
		for i <= j && !s.less(a, i) {
			i++
		}
		for i <= j && s.less(a, j) {
			j--
		}
		if i > j {
			return i
		}
		s.swap(i, j)
		i++
		j--
	}
}

// nearlySorted fixes up to five out-of-order neighbours by shifting them
// into place and reports whether [a, b) ended sorted. Ranges shorter than
// 50 are only checked.
func (s *pdq) nearlySorted(a, b int) bool {
	i := a + 1
	for step := 0; step < 5; step++ {
		for i < b && !s.less(i, i-1) {
			i++
		}
		if i == b {
			return true
		}
		if b-a < 50 {
			return false
		}
		s.swap(i, i-1)
		if i-a >= 2 {
			// (Go shifts down to index 1 here, not to a.)
			for k := i - 1; k >= 1 && s.less(k, k-1); k-- {
				s.swap(k, k-1)
			}
		}
		if b-i >= 2 {
			for k := i + 1; k < b && s.less(k, k-1); k++ {
				s.swap(k, k-1)
			}
		}
	}
	return false
}

// scatter swaps three elements around the middle with pseudo-random
// others, seeded by the length, to break patterns that gave a bad pivot.
func (s *pdq) scatter(a, b int) {
	n := b - a
	if n < 8 {
		return
	}
	r := uint64(n)
	mask := uint(1)<<bitLen(uint(n)) - 1
	mid := a + n/4*2
	for k := mid - 1; k <= mid+1; k++ {
		r ^= r << 13
		r ^= r >> 7
		r ^= r << 17
		o := int(uint(r) & mask)
		if o >= n {
			o -= n
		}
		s.swap(k, a+o)
	}
}

// pivot picks the median of three samples (of three medians of three
// neighbours from 50 elements up) and tells from the swaps the medians
// needed whether the range looked ascending or descending.
func (s *pdq) pivot(a, b int) (int, int) {
	n := b - a
	swaps := 0
	i, j, k := a+n/4, a+n/4*2, a+n/4*3
	if n >= 8 {
		if n >= 50 {
			i = s.median(i-1, i, i+1, &swaps)
			j = s.median(j-1, j, j+1, &swaps)
			k = s.median(k-1, k, k+1, &swaps)
		}
		j = s.median(i, j, k, &swaps)
	}
	switch swaps {
	case 0:
		return j, hintAscending
	case 12:
		return j, hintDescending
	}
	return j, hintUnknown
}

// median returns which of x, y, z holds the middle value, counting the
// out-of-order pairs it meets.
func (s *pdq) median(x, y, z int, swaps *int) int {
	if s.less(y, x) {
		*swaps++
		x, y = y, x
	}
	if s.less(z, y) {
		*swaps++
		y, z = z, y
	}
	if s.less(y, x) {
		*swaps++
		x, y = y, x
	}
	return y
}

func (s *pdq) reverse(a, b int) {
	for i, j := a, b-1; i < j; i, j = i+1, j-1 {
		s.swap(i, j)
	}
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
	unstable(lenOf(x), less, func(i, j int) { swapIn(x, i, j) })
}

func SliceStable(x any, less func(i, j int) bool) {
	order(lenOf(x), less, func(i, j int) { swapIn(x, i, j) })
}

func SliceIsSorted(x any, less func(i, j int) bool) bool {
	for i := lenOf(x) - 1; i > 0; i-- {
		if less(i, i-1) {
			return false
		}
	}
	return true
}

func Sort(data Interface) { unstable(data.Len(), data.Less, data.Swap) }

func Stable(data Interface) { order(data.Len(), data.Less, data.Swap) }

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

// Float64s is Go source, not a native sort like Ints and Strings: -0 and +0
// compare equal yet print differently, so only Go's own pdqsort steps leave
// them in Go's order (equal ints or strings cannot be told apart).
func Float64s(x []float64) { Sort(Float64Slice(x)) }

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
