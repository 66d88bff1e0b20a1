// Package slices as gosim simulates it: Go's generic slice helpers,
// written in plain Go. Sort and SortFunc run Go's pattern-defeating
// quicksort step for step, so equal elements end in Go's (unstable) order;
// SortStableFunc is a merge sort.
package slices

import (
	"cmp"
	"iter"
)

func All[Slice ~[]E, E any](s Slice) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

func Backward[Slice ~[]E, E any](s Slice) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

func Values[Slice ~[]E, E any](s Slice) iter.Seq[E] {
	return func(yield func(E) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

func AppendSeq[Slice ~[]E, E any](s Slice, seq iter.Seq[E]) Slice {
	for v := range seq {
		s = append(s, v)
	}
	return s
}

func Collect[E any](seq iter.Seq[E]) []E {
	return AppendSeq([]E(nil), seq)
}

func Sorted[E cmp.Ordered](seq iter.Seq[E]) []E {
	s := Collect(seq)
	Sort(s)
	return s
}

func SortedFunc[E any](seq iter.Seq[E], cmp func(E, E) int) []E {
	s := Collect(seq)
	SortFunc(s, cmp)
	return s
}

func SortedStableFunc[E any](seq iter.Seq[E], cmp func(E, E) int) []E {
	s := Collect(seq)
	SortStableFunc(s, cmp)
	return s
}

func Chunk[Slice ~[]E, E any](s Slice, n int) iter.Seq[Slice] {
	if n < 1 {
		panic("cannot be less than 1")
	}
	return func(yield func(Slice) bool) {
		for i := 0; i < len(s); i += n {
			end := min(n, len(s[i:]))
			if !yield(s[i : i+end : i+end]) {
				return
			}
		}
	}
}

func Equal[S ~[]E, E comparable](s1, s2 S) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if s1[i] != s2[i] {
			return false
		}
	}
	return true
}

func EqualFunc[S1 ~[]E1, S2 ~[]E2, E1, E2 any](s1 S1, s2 S2, eq func(E1, E2) bool) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i, v1 := range s1 {
		if !eq(v1, s2[i]) {
			return false
		}
	}
	return true
}

func Compare[S ~[]E, E cmp.Ordered](s1, s2 S) int {
	for i, v1 := range s1 {
		if i >= len(s2) {
			return +1
		}
		if c := cmp.Compare(v1, s2[i]); c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

func CompareFunc[S1 ~[]E1, S2 ~[]E2, E1, E2 any](s1 S1, s2 S2, cmp func(E1, E2) int) int {
	for i, v1 := range s1 {
		if i >= len(s2) {
			return +1
		}
		if c := cmp(v1, s2[i]); c != 0 {
			return c
		}
	}
	if len(s1) < len(s2) {
		return -1
	}
	return 0
}

func Index[S ~[]E, E comparable](s S, v E) int {
	for i := range s {
		if v == s[i] {
			return i
		}
	}
	return -1
}

func IndexFunc[S ~[]E, E any](s S, f func(E) bool) int {
	for i := range s {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

func Contains[S ~[]E, E comparable](s S, v E) bool { return Index(s, v) >= 0 }

func ContainsFunc[S ~[]E, E any](s S, f func(E) bool) bool { return IndexFunc(s, f) >= 0 }

func Insert[S ~[]E, E any](s S, i int, v ...E) S {
	_ = s[i:] // bounds check
	m := len(v)
	if m == 0 {
		return s
	}
	n := len(s)
	if i == n {
		return append(s, v...)
	}
	if n+m > cap(s) {
		s2 := append(s[:i], make(S, n+m-i)...)
		copy(s2[i:], v)
		copy(s2[i+m:], s[i:])
		return s2
	}
	s = s[:n+m]
	copy(s[i+m:], s[i:n])
	copy(s[i:], v)
	return s
}

func Delete[S ~[]E, E any](s S, i, j int) S {
	_ = s[i:j:len(s)] // bounds check
	if i == j {
		return s
	}
	old := len(s)
	s = append(s[:i], s[j:]...)
	clear(s[len(s):old])
	return s
}

func DeleteFunc[S ~[]E, E any](s S, del func(E) bool) S {
	i := IndexFunc(s, del)
	if i == -1 {
		return s
	}
	for j := i + 1; j < len(s); j++ {
		if v := s[j]; !del(v) {
			s[i] = v
			i++
		}
	}
	clear(s[i:])
	return s[:i]
}

func Replace[S ~[]E, E any](s S, i, j int, v ...E) S {
	_ = s[i:j] // bounds check
	tail := Clone(s[j:])
	old := len(s)
	s = append(s[:i], v...)
	s = append(s, tail...)
	if len(s) < old {
		clear(s[len(s):old])
	}
	return s
}

func Clone[S ~[]E, E any](s S) S {
	if s == nil {
		return nil
	}
	return append(S([]E{}), s...)
}

func Compact[S ~[]E, E comparable](s S) S {
	if len(s) < 2 {
		return s
	}
	i := 1
	for k := 1; k < len(s); k++ {
		if s[k] != s[k-1] {
			if i != k {
				s[i] = s[k]
			}
			i++
		}
	}
	clear(s[i:])
	return s[:i]
}

func CompactFunc[S ~[]E, E any](s S, eq func(E, E) bool) S {
	if len(s) < 2 {
		return s
	}
	i := 1
	for k := 1; k < len(s); k++ {
		if !eq(s[k], s[k-1]) {
			if i != k {
				s[i] = s[k]
			}
			i++
		}
	}
	clear(s[i:])
	return s[:i]
}

func Grow[S ~[]E, E any](s S, n int) S {
	if n < 0 {
		panic("cannot be negative")
	}
	if n -= cap(s) - len(s); n > 0 {
		s = append(s[:cap(s)], make([]E, n)...)[:len(s)]
	}
	return s
}

func Clip[S ~[]E, E any](s S) S { return s[:len(s):len(s)] }

func Reverse[S ~[]E, E any](s S) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

func Concat[S ~[]E, E any](slices ...S) S {
	size := 0
	for _, s := range slices {
		size += len(s)
		if size < 0 {
			panic("len out of range")
		}
	}
	newslice := Grow[S](nil, size)
	for _, s := range slices {
		newslice = append(newslice, s...)
	}
	return newslice
}

func Repeat[S ~[]E, E any](x S, count int) S {
	if count < 0 {
		panic("cannot be negative")
	}
	newslice := make(S, 0, len(x)*count)
	for i := 0; i < count; i++ {
		newslice = append(newslice, x...)
	}
	return newslice
}

func Max[S ~[]E, E cmp.Ordered](x S) E {
	if len(x) < 1 {
		panic("slices.Max: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		m = max(m, x[i])
	}
	return m
}

func MaxFunc[S ~[]E, E any](x S, cmp func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MaxFunc: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		if cmp(x[i], m) > 0 {
			m = x[i]
		}
	}
	return m
}

func Min[S ~[]E, E cmp.Ordered](x S) E {
	if len(x) < 1 {
		panic("slices.Min: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		m = min(m, x[i])
	}
	return m
}

func MinFunc[S ~[]E, E any](x S, cmp func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MinFunc: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		if cmp(x[i], m) < 0 {
			m = x[i]
		}
	}
	return m
}

func BinarySearch[S ~[]E, E cmp.Ordered](x S, target E) (int, bool) {
	n := len(x)
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		if cmp.Less(x[h], target) {
			i = h + 1
		} else {
			j = h
		}
	}
	return i, i < n && (x[i] == target || (x[i] != x[i] && target != target))
}

func BinarySearchFunc[S ~[]E, E, T any](x S, target T, cmp func(E, T) int) (int, bool) {
	n := len(x)
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		if cmp(x[h], target) < 0 {
			i = h + 1
		} else {
			j = h
		}
	}
	return i, i < n && cmp(x[i], target) == 0
}

func IsSorted[S ~[]E, E cmp.Ordered](x S) bool {
	for i := len(x) - 1; i > 0; i-- {
		if cmp.Less(x[i], x[i-1]) {
			return false
		}
	}
	return true
}

func IsSortedFunc[S ~[]E, E any](x S, cmp func(a, b E) int) bool {
	for i := len(x) - 1; i > 0; i-- {
		if cmp(x[i], x[i-1]) < 0 {
			return false
		}
	}
	return true
}

func Sort[S ~[]E, E cmp.Ordered](x S) {
	pdqsort([]E(x), cmp.Less[E])
}

func SortFunc[S ~[]E, E any](x S, cmp func(a, b E) int) {
	pdqsort([]E(x), func(a, b E) bool { return cmp(a, b) < 0 })
}

// bitLen is math/bits.Len: the number of bits needed to write n.
func bitLen(n uint) int {
	l := 0
	for ; n != 0; n >>= 1 {
		l++
	}
	return l
}

// What a pivot choice learned about a range from its samples.
const (
	hintUnknown = iota
	hintAscending
	hintDescending
)

// pdqsort sorts x as Go's slices package does; its depth budget is the bit
// length of len(x).
func pdqsort[E any](x []E, less func(a, b E) bool) {
	s := &pdq[E]{x, less}
	s.sort(0, len(x), bitLen(uint(len(x))))
}

type pdq[E any] struct {
	x    []E
	less func(a, b E) bool
}

func (s *pdq[E]) sort(a, b, budget int) {
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
			p = b - 1 - (p - a)
			hint = hintAscending
		}
		if balanced && partitioned && hint == hintAscending && s.nearlySorted(a, b) {
			return
		}
		if a > 0 && !s.less(s.x[a-1], s.x[p]) {
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

func (s *pdq[E]) insertion(a, b int) {
	for i := a + 1; i < b; i++ {
		for j := i; j > a && s.less(s.x[j], s.x[j-1]); j-- {
			s.x[j], s.x[j-1] = s.x[j-1], s.x[j]
		}
	}
}

func (s *pdq[E]) sift(root, n, base int) {
	for {
		c := 2*root + 1
		if c >= n {
			return
		}
		if c+1 < n && s.less(s.x[base+c], s.x[base+c+1]) {
			c++
		}
		if !s.less(s.x[base+root], s.x[base+c]) {
			return
		}
		s.x[base+root], s.x[base+c] = s.x[base+c], s.x[base+root]
		root = c
	}
}

func (s *pdq[E]) heap(a, b int) {
	n := b - a
	for i := (n - 1) / 2; i >= 0; i-- {
		s.sift(i, n, a)
	}
	for i := n - 1; i >= 0; i-- {
		s.x[a], s.x[a+i] = s.x[a+i], s.x[a]
		s.sift(0, i, a)
	}
}

func (s *pdq[E]) partition(a, b, p int) (int, bool) {
	s.x[a], s.x[p] = s.x[p], s.x[a]
	i, j := a+1, b-1
	first := true
	for {
		for i <= j && s.less(s.x[i], s.x[a]) {
			i++
		}
		for i <= j && !s.less(s.x[j], s.x[a]) {
			j--
		}
		if i > j {
			s.x[j], s.x[a] = s.x[a], s.x[j]
			return j, first
		}
		first = false
		s.x[i], s.x[j] = s.x[j], s.x[i]
		i++
		j--
	}
}

func (s *pdq[E]) partitionEqual(a, b, p int) int {
	s.x[a], s.x[p] = s.x[p], s.x[a]
	i, j := a+1, b-1
	for {
		for i <= j && !s.less(s.x[a], s.x[i]) {
			i++
		}
		for i <= j && s.less(s.x[a], s.x[j]) {
			j--
		}
		if i > j {
			return i
		}
		s.x[i], s.x[j] = s.x[j], s.x[i]
		i++
		j--
	}
}

func (s *pdq[E]) nearlySorted(a, b int) bool {
	i := a + 1
	for step := 0; step < 5; step++ {
		for i < b && !s.less(s.x[i], s.x[i-1]) {
			i++
		}
		if i == b {
			return true
		}
		if b-a < 50 {
			return false
		}
		s.x[i], s.x[i-1] = s.x[i-1], s.x[i]
		if i-a >= 2 {
			for k := i - 1; k >= 1 && s.less(s.x[k], s.x[k-1]); k-- {
				s.x[k], s.x[k-1] = s.x[k-1], s.x[k]
			}
		}
		if b-i >= 2 {
			for k := i + 1; k < b && s.less(s.x[k], s.x[k-1]); k++ {
				s.x[k], s.x[k-1] = s.x[k-1], s.x[k]
			}
		}
	}
	return false
}

func (s *pdq[E]) scatter(a, b int) {
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
		s.x[k], s.x[a+o] = s.x[a+o], s.x[k]
	}
}

func (s *pdq[E]) pivot(a, b int) (int, int) {
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

func (s *pdq[E]) median(x, y, z int, swaps *int) int {
	if s.less(s.x[y], s.x[x]) {
		*swaps++
		x, y = y, x
	}
	if s.less(s.x[z], s.x[y]) {
		*swaps++
		y, z = z, y
	}
	if s.less(s.x[y], s.x[x]) {
		*swaps++
		x, y = y, x
	}
	return y
}

func (s *pdq[E]) reverse(a, b int) {
	for i, j := a, b-1; i < j; i, j = i+1, j-1 {
		s.x[i], s.x[j] = s.x[j], s.x[i]
	}
}


// SortStableFunc sorts x with a merge sort: insertion-sorted runs of 12,
// merged pairwise through a buffer.
func SortStableFunc[S ~[]E, E any](x S, cmp func(a, b E) int) {
	const run = 12
	n := len(x)
	for lo := 0; lo < n; lo += run {
		hi := min(lo+run, n)
		for i := lo + 1; i < hi; i++ {
			for j := i; j > lo && cmp(x[j], x[j-1]) < 0; j-- {
				x[j], x[j-1] = x[j-1], x[j]
			}
		}
	}
	if n <= run {
		return
	}
	buf := make([]E, n)
	src, dst := []E(x), buf
	for width := run; width < n; width *= 2 {
		for lo := 0; lo < n; lo += 2 * width {
			mid := min(lo+width, n)
			hi := min(lo+2*width, n)
			i, j, k := lo, mid, lo
			for i < mid && j < hi {
				if cmp(src[j], src[i]) < 0 {
					dst[k] = src[j]
					j++
				} else {
					dst[k] = src[i]
					i++
				}
				k++
			}
			k += copy(dst[k:], src[i:mid])
			copy(dst[k:], src[j:hi])
		}
		src, dst = dst, src
	}
	if &src[0] != &x[0] {
		copy(x, src)
	}
}
