package main

func (c *Counter) Inc(key string) {}
func (p Point) String() string { return "" }
func f(a, b int, xs ...string) (n int, err error) { return }
func g(int, string) (int, error)
func h(fmt.Stringer) {}

func main() {
	_ = f(xs...)
}
