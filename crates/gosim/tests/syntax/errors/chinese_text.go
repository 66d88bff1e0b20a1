package main

import "fmt"

func main() {
	// 中文注释
	变量 := "你好"
	fmt.Println(变量 "世界")
}
