// Package os as gosim simulates it: only Exit.
package os

func Exit(code int)
