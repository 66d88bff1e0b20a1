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

func (c *cancelCtx) cancel(removeFromParent bool, err error) {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err = err
	close(c.done)
	children := c.children
	c.children = nil
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	c.mu.Unlock()
	for child := range children {
		child.cancel(false, err)
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
}

func newCancelCtx(parent Context) *cancelCtx {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	c := &cancelCtx{parent: parent, done: make(chan struct{})}
	if p, ok := parent.(*cancelCtx); ok {
		p.mu.Lock()
		if p.err != nil {
			err := p.err
			p.mu.Unlock()
			c.cancel(false, err)
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
				c.cancel(false, parent.Err())
			case <-c.done:
			}
		}()
	}
	return c
}

func WithCancel(parent Context) (Context, CancelFunc) {
	c := newCancelCtx(parent)
	return c, func() { c.cancel(true, Canceled) }
}

func WithDeadline(parent Context, d time.Time) (Context, CancelFunc) {
	c := newCancelCtx(parent)
	if cur, ok := parent.Deadline(); ok && cur.Before(d) {
		d = cur
	}
	c.deadline = d
	c.hasDeadline = true
	dur := time.Until(d)
	if dur <= 0 {
		c.cancel(true, DeadlineExceeded)
		return c, func() { c.cancel(false, Canceled) }
	}
	c.mu.Lock()
	if c.err == nil {
		c.timer = time.AfterFunc(dur, func() {
			c.cancel(true, DeadlineExceeded)
		})
	}
	c.mu.Unlock()
	return c, func() { c.cancel(true, Canceled) }
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

func Cause(c Context) error { return c.Err() }
