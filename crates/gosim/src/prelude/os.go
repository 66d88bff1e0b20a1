// Package os as gosim simulates it: Exit, and the errors package net
// shares (SyscallError, ErrDeadlineExceeded).
package os

func Exit(code int)

// SyscallError records an error from a system call (the simulated
// kernel's, for package net).
type SyscallError struct {
	Syscall string
	Err     error
}

func (e *SyscallError) Error() string { return e.Syscall + ": " + e.Err.Error() }
func (e *SyscallError) Unwrap() error { return e.Err }

func (e *SyscallError) Timeout() bool {
	t, ok := e.Err.(interface{ Timeout() bool })
	return ok && t.Timeout()
}

func NewSyscallError(syscall string, err error) error {
	if err == nil {
		return nil
	}
	return &SyscallError{syscall, err}
}

// ErrDeadlineExceeded is internal/poll's DeadlineExceededError.
var ErrDeadlineExceeded error = &deadlineExceededError{}

type deadlineExceededError struct{}

func (e *deadlineExceededError) Error() string   { return "i/o timeout" }
func (e *deadlineExceededError) Timeout() bool   { return true }
func (e *deadlineExceededError) Temporary() bool { return true }
