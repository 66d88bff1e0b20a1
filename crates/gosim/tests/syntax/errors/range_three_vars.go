package main

func main() {
	m := map[int]int{}
	for k, v, w := range m {
	}
}
