// go build stops at the tenth error and says so at its position.
package main

func main() {
	var _ int8 = 1000
	var _ int8 = 1001
	var _ int8 = 1002
	var _ int8 = 1003
	var _ int8 = 1004
	var _ int8 = 1005
	var _ int8 = 1006
	var _ int8 = 1007
	var _ int8 = 1008
	var _ int8 = 1009
	var _ int8 = 1010
}
