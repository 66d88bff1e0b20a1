// fmt calls Format on every value it reaches through exported parts of an
// operand (slice and array elements, map keys and values, struct fields),
// with the verb and flags of the whole operand; values in unexported fields
// print plainly, and the map is still sorted by its plain keys.
package main

import "fmt"

type ID int

func (id ID) Format(f fmt.State, verb rune) {
	w, _ := f.Width()
	fmt.Fprintf(f, "#%d%c%d", int(id), verb, w)
	if f.Flag('+') {
		fmt.Fprint(f, "+")
	}
	if f.Flag('#') {
		fmt.Fprint(f, "#")
	}
}

type Row struct {
	Key  ID
	Tags []ID
	hide ID
}

func main() {
	ids := []ID{3, 1, 2}
	fmt.Println(ids)
	fmt.Printf("%d|%4v|%x|%+v|%#v\n", ids, ids, ids, ids, ids)
	arr := [2]ID{7, 8}
	fmt.Printf("%v %s\n", arr, arr)
	m := map[ID]ID{2: 20, 1: 10}
	fmt.Println(m)
	fmt.Printf("%#v\n", m)
	r := Row{ID(5), []ID{6}, ID(9)}
	fmt.Println(r)
	fmt.Printf("%+v\n%#v\n", r, r)
	fmt.Println(&r, []*Row{&r}[0] == &r)
	ptrs := []*ID{new(ID)}
	fmt.Printf("%v\n", len(fmt.Sprint(ptrs)) > 0)
	var anys = []any{ID(4), "s", 5}
	fmt.Println(anys)
}
