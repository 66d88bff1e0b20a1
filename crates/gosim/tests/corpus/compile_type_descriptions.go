package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type A struct{ x int }
type B struct{ x int }
type I int

func main() {
	var a A
	var b B = a
	var i I
	var s string = i
	var e error
	s = e
	var m sync.Mutex
	s = m
	var d time.Duration
	s = d
	var n atomic.Int64
	s = n
	var c context.Context
	s = c
	var sb strings.Builder
	s = sb
	var st fmt.Stringer
	s = st
	_, _ = b, s
}
