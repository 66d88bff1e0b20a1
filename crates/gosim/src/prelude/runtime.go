// Package runtime as gosim simulates it: the scheduler's public knobs.
package runtime

func Gosched()
func NumGoroutine() int
func GOMAXPROCS(n int) int
func NumCPU() int { return 1 }
