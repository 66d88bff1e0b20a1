// Arrays sliced in closures, goroutines and functions share their
// elements with the slices; a copied array does not.
package main

import (
	"fmt"
	"sync"
)

type Buf struct {
	data [4]int
	n    int
}

type Grid [3][3]int

func (g *Grid) Row(i int) []int { return g[i][:] }

func fill(a [3]int) [3]int {
	s := a[:]
	s[0] = 99
	return a
}

func sum(s []int) (t int) {
	for _, v := range s {
		t += v
	}
	return
}

func main() {
	var a [3]int
	s := a[:]
	f := func() { a[1] = 5 }
	f()
	fmt.Println(s, a, fill(a), a)

	var wg sync.WaitGroup
	var nums [8]int
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(part []int, v int) {
			defer wg.Done()
			for j := range part {
				part[j] = v
			}
		}(nums[i*2:i*2+2], i+1)
	}
	wg.Wait()
	fmt.Println(nums, sum(nums[:]))

	type pt struct{ x, y int }
	ps := [2]pt{{1, 2}, {3, 4}}
	pp := &ps[1].y
	sl := ps[:]
	sl[1].y = 40
	*pp += 1
	fmt.Println(ps, sl, *pp)

	bytes := [5]byte{'h', 'e', 'l', 'l', 'o'}
	str := string(bytes[:])
	bytes[0] = 'j'
	fmt.Println(str, string(bytes[1:3]), bytes == [5]byte{'j', 'e', 'l', 'l', 'o'})

	c := bytes
	c[1] = 'a'
	fmt.Printf("%s %s\n", bytes[:], c[:])

	arr := [4]int{1, 2, 3, 4}
	t := arr[1:2:3]
	t = append(t, 10)
	t = append(t, 20)
	t[0] = -2
	fmt.Println(arr, t, len(t), cap(t))

	m := map[[2]int]string{}
	k := [2]int{1, 2}
	ks := k[:]
	m[k] = "a"
	ks[0] = 7
	m[k] = "b"
	fmt.Println(len(m), m[[2]int{1, 2}], m[[2]int{7, 2}])

	copy(arr[:], []int{9, 9})
	fmt.Println(arr)
	var z [0]int
	fmt.Println(len(z[:]), cap(z[:]))
}
