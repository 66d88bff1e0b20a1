package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
)

type safeBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func main() {
	var out safeBuffer
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Fprintf(&out, "worker %d done\n", i)
		}()
	}
	wg.Wait()
	lines := strings.Split(strings.TrimSpace(out.buf.String()), "\n")
	fmt.Println(len(lines))
	var w io.Writer = &out
	io.WriteString(w, "tail\n")
	fmt.Println(strings.Count(out.buf.String(), "\n"), strings.HasSuffix(out.buf.String(), "tail\n"))
}
