package main

import "fmt"

type Server struct {
	name string
}

func main() {
	s := NewServer("a")
	s.Start()
	fmt.Println(s.name, s.Port)
	cfg := loadConfig()
	cfg.Port = 8080
	x := cfg.Timeout * 2
	fmt.Println(x + 1)
	var srv Server
	srv.Run()
	fmt.Println(undefinedVar, undefinedVar)
	y := undefinedVar + 1
	_ = y
}
