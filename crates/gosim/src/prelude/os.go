// Package os as gosim simulates it: the standard streams, the command
// line and Exit, and the errors package net shares (SyscallError,
// ErrDeadlineExceeded). There is no file system: Stdout and Stderr are the
// program's output, Stdin is empty.
package os

import (
	"errors"
	"io"
)

// File is an open file descriptor; gosim has only the three standard ones.
type File struct {
	fd   int
	name string
}

var (
	Stdin  = &File{0, "/dev/stdin"}
	Stdout = &File{1, "/dev/stdout"}
	Stderr = &File{2, "/dev/stderr"}
)

// Args hold the command-line arguments, starting with the program name.
// A simulated program is run without arguments.
var Args = []string{"/tmp/prog"}

// ErrClosed is returned by operations on a closed file.
var ErrClosed = errors.New("file already closed")

func Exit(code int)

// print_ writes its operands to the program's stdout (fmt.Print's native).
func print_(a []any) (n int, err error)

func (f *File) Name() string { return f.name }

func (f *File) Fd() uintptr { return uintptr(f.fd) }

// Write writes p to the file. Stdout is the program's standard output;
// Stderr is what the builtin print writes to.
func (f *File) Write(p []byte) (n int, err error) {
	return f.WriteString(string(p))
}

func (f *File) WriteString(s string) (n int, err error) {
	switch f.fd {
	case 1:
		print_([]any{s})
	case 2:
		print(s)
	default:
		return 0, &PathError{Op: "write", Path: f.name, Err: errors.New("bad file descriptor")}
	}
	return len(s), nil
}

// Read reads from the file: stdin is always at its end.
func (f *File) Read(p []byte) (n int, err error) {
	if len(p) == 0 {
		return 0, nil
	}
	return 0, io.EOF
}

func (f *File) Close() error { return nil }

func (f *File) Sync() error { return nil }

// PathError records an error and the operation and file path that caused it.
type PathError struct {
	Op   string
	Path string
	Err  error
}

func (e *PathError) Error() string { return e.Op + " " + e.Path + ": " + e.Err.Error() }

func (e *PathError) Unwrap() error { return e.Err }

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
