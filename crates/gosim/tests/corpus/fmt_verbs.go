package main

import "fmt"

type pair struct {
	Key   string
	Value int
}

func main() {
	p := pair{"a", 1}
	fmt.Printf("%v|%+v|%T\n", p, p, p)
	fmt.Printf("%d|%5d|%-5d|%05d|%x|%3x\n", 42, 42, 42, 42, 255, 10)
	fmt.Printf("%s|%q|%10s|%-10s|%.2s|\n", "go", "go", "right", "left", "trunc")
	fmt.Printf("%t|%v|%q|%c|%c\n", true, false, 'x', 'y', '⌘')
	fmt.Printf("%f|%.2f|%8.3f|%05.2f|%v|%.1f\n", 3.14159, 3.14159, 3.14159, 3.14159, 0.000012, -2.25)
	fmt.Printf("%x|%x|%q\n", "hi", []byte("hi"), []string{"a", "b"})
	fmt.Printf("%v|%d|%s\n", []int{1, 2}, []int{3, 4}, []string{"x", "y"})
	fmt.Printf("100%%|%v|%d\n", nil, []any{1, "a", nil})
	fmt.Printf("%T|%T|%T|%T|%T|%T\n", 1, "s", 1.5, []int{}, map[string]bool{}, &p)
	fmt.Printf("%3c|%-4q|%+d|%x\n", 'z', 'a', 5, -255)
	s := fmt.Sprintf("%v-%v", "a", 1)
	fmt.Println(s, len(s))
	fmt.Print("a", "b", 1, 2, "c\n")
	fmt.Println(fmt.Sprint("x", 1, 2, "y"), fmt.Sprint(1, 2), fmt.Sprint("a", "b"))
}
