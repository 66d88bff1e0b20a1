// Package context as gosim simulates it, written in plain Go over channels,
// sync.Mutex and time.AfterFunc, shaped like the real package so the
// scheduler sees the same goroutines and wake-ups.
package context

import (
	"errors"
	"sync"
	"time"
)

type Context interface {
	Deadline() (deadline time.Time, ok bool)
	Done() <-chan struct{}
	Err() error
	Value(key any) any
}

var Canceled = errors.New("context canceled")

var DeadlineExceeded error = deadlineExceededError{}

type deadlineExceededError struct{}

func (deadlineExceededError) Error() string { return "context deadline exceeded" }

type CancelFunc func()

type backgroundCtx struct{}

func (backgroundCtx) Deadline() (deadline time.Time, ok bool) { return }
func (backgroundCtx) Done() <-chan struct{}                    { return nil }
func (backgroundCtx) Err() error                               { return nil }
func (backgroundCtx) Value(key any) any                        { return nil }
func (backgroundCtx) String() string                           { return "context.Background" }

type todoCtx struct{}

func (todoCtx) Deadline() (deadline time.Time, ok bool) { return }
func (todoCtx) Done() <-chan struct{}                    { return nil }
func (todoCtx) Err() error                               { return nil }
func (todoCtx) Value(key any) any                        { return nil }
func (todoCtx) String() string                           { return "context.TODO" }

func Background() Context { return backgroundCtx{} }
func TODO() Context       { return todoCtx{} }

type cancelCtx struct {
	parent      Context
	mu          sync.Mutex
	done        chan struct{}
	err         error
	children    map[*cancelCtx]bool
	deadline    time.Time
	hasDeadline bool
	timer       *time.Timer
	cause       error
	afterFunc   func()   // set by AfterFunc: run once, in its own goroutine, when canceled
	once        sync.Once
}

func (c *cancelCtx) Deadline() (time.Time, bool) {
	if c.hasDeadline {
		return c.deadline, true
	}
	return c.parent.Deadline()
}

func (c *cancelCtx) Done() <-chan struct{} { return c.done }

func (c *cancelCtx) Err() error {
	c.mu.Lock()
	err := c.err
	c.mu.Unlock()
	return err
}

func (c *cancelCtx) Value(key any) any { return c.parent.Value(key) }

func (c *cancelCtx) String() string {
	if c.hasDeadline {
		return "context.WithDeadline"
	}
	return "context.WithCancel"
}

func (c *cancelCtx) cancel(removeFromParent bool, err, cause error) {
	if cause == nil {
		cause = err
	}
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err = err
	c.cause = cause
	close(c.done)
	children := c.children
	c.children = nil
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	c.mu.Unlock()
	for child := range children {
		child.cancel(false, err, cause)
	}
	if removeFromParent {
		if p, ok := c.parent.(*cancelCtx); ok {
			p.mu.Lock()
			if p.children != nil {
				delete(p.children, c)
			}
			p.mu.Unlock()
		}
	}
	if c.afterFunc != nil {
		c.once.Do(func() { go c.afterFunc() })
	}
}

func newCancelCtx(parent Context) *cancelCtx {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	c := &cancelCtx{parent: parent, done: make(chan struct{})}
	link(parent, c)
	return c
}

// link makes c a child of parent: canceled when parent is.
func link(parent Context, c *cancelCtx) {
	if p, ok := parent.(*cancelCtx); ok {
		p.mu.Lock()
		if p.err != nil {
			err, cause := p.err, p.cause
			p.mu.Unlock()
			c.cancel(false, err, cause)
		} else {
			if p.children == nil {
				p.children = make(map[*cancelCtx]bool)
			}
			p.children[c] = true
			p.mu.Unlock()
		}
	} else if pd := parent.Done(); pd != nil {
		go func() {
			select {
			case <-pd:
				c.cancel(false, parent.Err(), Cause(parent))
			case <-c.done:
			}
		}()
	}
}

func WithCancel(parent Context) (Context, CancelFunc) {
	c := newCancelCtx(parent)
	return c, func() { c.cancel(true, Canceled, nil) }
}

type CancelCauseFunc func(cause error)

func WithCancelCause(parent Context) (ctx Context, cancel CancelCauseFunc) {
	c := newCancelCtx(parent)
	return c, func(cause error) { c.cancel(true, Canceled, cause) }
}

func WithDeadline(parent Context, d time.Time) (Context, CancelFunc) {
	return WithDeadlineCause(parent, d, nil)
}

func WithDeadlineCause(parent Context, d time.Time, cause error) (Context, CancelFunc) {
	c := newCancelCtx(parent)
	if cur, ok := parent.Deadline(); ok && cur.Before(d) {
		d = cur
	}
	c.deadline = d
	c.hasDeadline = true
	dur := time.Until(d)
	if dur <= 0 {
		c.cancel(true, DeadlineExceeded, cause)
		return c, func() { c.cancel(false, Canceled, nil) }
	}
	c.mu.Lock()
	if c.err == nil {
		c.timer = time.AfterFunc(dur, func() {
			c.cancel(true, DeadlineExceeded, cause)
		})
	}
	c.mu.Unlock()
	return c, func() { c.cancel(true, Canceled, nil) }
}

func WithTimeoutCause(parent Context, timeout time.Duration, cause error) (Context, CancelFunc) {
	return WithDeadlineCause(parent, time.Now().Add(timeout), cause)
}

func WithTimeout(parent Context, timeout time.Duration) (Context, CancelFunc) {
	return WithDeadline(parent, time.Now().Add(timeout))
}

type valueCtx struct {
	parent   Context
	key, val any
}

func WithValue(parent Context, key, val any) Context {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	if key == nil {
		panic("nil key")
	}
	return &valueCtx{parent, key, val}
}

func (c *valueCtx) Deadline() (time.Time, bool) { return c.parent.Deadline() }
func (c *valueCtx) Done() <-chan struct{}        { return c.parent.Done() }
func (c *valueCtx) Err() error                   { return c.parent.Err() }
func (c *valueCtx) Value(key any) any {
	if c.key == key {
		return c.val
	}
	return c.parent.Value(key)
}

// Cause returns why c was canceled: the cause given to the nearest
// canceled context it derives from, else c.Err().
func Cause(c Context) error {
	for {
		switch x := c.(type) {
		case *cancelCtx:
			x.mu.Lock()
			defer x.mu.Unlock()
			return x.cause
		case *valueCtx:
			c = x.parent
		case withoutCancelCtx:
			return nil
		default:
			return c.Err()
		}
	}
}

type withoutCancelCtx struct {
	c Context
}

// WithoutCancel returns a copy of parent that is not canceled when parent is.
func WithoutCancel(parent Context) Context {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	return withoutCancelCtx{parent}
}

func (withoutCancelCtx) Deadline() (deadline time.Time, ok bool) { return }
func (withoutCancelCtx) Done() <-chan struct{}                    { return nil }
func (withoutCancelCtx) Err() error                               { return nil }
func (c withoutCancelCtx) Value(key any) any                      { return c.c.Value(key) }
func (c withoutCancelCtx) String() string                         { return "context.WithoutCancel" }

// AfterFunc arranges to call f in its own goroutine after ctx is canceled.
// Calling stop stops that association; it reports whether it stopped f
// from being run.
func AfterFunc(ctx Context, f func()) (stop func() bool) {
	c := &cancelCtx{parent: ctx, done: make(chan struct{}), afterFunc: f}
	link(ctx, c)
	return func() bool {
		stopped := false
		c.once.Do(func() { stopped = true })
		if stopped {
			c.cancel(true, Canceled, nil)
		}
		return stopped
	}
}
