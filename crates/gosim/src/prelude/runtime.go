// Package runtime as gosim simulates it: the scheduler's public knobs.
package runtime

func Gosched()
func Goexit()
func NumGoroutine() int
func GOMAXPROCS(n int) int
func NumCPU() int { return 1 }

// Error identifies a run-time error: the value a program's own run-time
// panics (index out of range, nil map writes, ...) carry.
type Error interface {
	error
	RuntimeError()
}

// TypeAssertionError is what a failed type assertion panics with; the VM
// fills in Go's message.
type TypeAssertionError struct {
	msg string
}

func (*TypeAssertionError) RuntimeError() {}

func (e *TypeAssertionError) Error() string { return e.msg }
