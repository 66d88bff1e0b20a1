// Values nested 100,000 levels deep: compared, used as map keys, printed
// and dropped. Go's runtime walks them without trouble.
package main

import "fmt"

type box struct{ inner any }

func main() {
	var x, y any
	for i := 0; i < 100000; i++ {
		x = [1]any{x}
		y = [1]any{y}
	}
	fmt.Println(x == y)
	m := map[any]int{x: 1}
	m[y]++
	fmt.Println(len(m), m[x])
	s := fmt.Sprint(x)
	fmt.Println(len(s), s[:12], s[len(s)-12:])
	var b any = box{}
	for i := 0; i < 100000; i++ {
		b = box{b}
	}
	fmt.Println(len(fmt.Sprintf("%v", b)), len(fmt.Sprintf("%+v", b)))
	x, y, b = nil, nil, nil
	fmt.Println("dropped", x == y)
}
