// Package bufio as gosim simulates it, written in plain Go: a Reader with
// ReadString/ReadLine-free basics and a line Scanner, following
// bufio/bufio.go and bufio/scan.go (default sizes 4096 and 64 KiB).
package bufio

import (
	"errors"
	"io"
)

var ErrBufferFull = errors.New("bufio: buffer full")
var ErrTooLong = errors.New("bufio.Scanner: token too long")

type Reader struct {
	buf  []byte
	rd   io.Reader
	r, w int
	err  error
}

func NewReader(rd io.Reader) *Reader { return NewReaderSize(rd, 4096) }

func NewReaderSize(rd io.Reader, size int) *Reader {
	if size < 16 {
		size = 16
	}
	return &Reader{buf: make([]byte, size), rd: rd}
}

func (b *Reader) Buffered() int { return b.w - b.r }

func (b *Reader) fill() {
	if b.r > 0 {
		copy(b.buf, b.buf[b.r:b.w])
		b.w -= b.r
		b.r = 0
	}
	for i := 100; i > 0; i-- {
		n, err := b.rd.Read(b.buf[b.w:])
		b.w += n
		if err != nil {
			b.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	b.err = io.ErrNoProgress
}

func (b *Reader) readErr() error {
	err := b.err
	b.err = nil
	return err
}

func (b *Reader) Read(p []byte) (n int, err error) {
	if len(p) == 0 {
		if b.Buffered() > 0 {
			return 0, nil
		}
		return 0, b.readErr()
	}
	if b.r == b.w {
		if b.err != nil {
			return 0, b.readErr()
		}
		if len(p) >= len(b.buf) {
			n, b.err = b.rd.Read(p)
			return n, b.readErr()
		}
		b.r = 0
		b.w = 0
		n, b.err = b.rd.Read(b.buf)
		if n == 0 {
			return 0, b.readErr()
		}
		b.w += n
	}
	n = copy(p, b.buf[b.r:b.w])
	b.r += n
	return n, nil
}

func (b *Reader) ReadByte() (byte, error) {
	for b.r == b.w {
		if b.err != nil {
			return 0, b.readErr()
		}
		b.fill()
	}
	c := b.buf[b.r]
	b.r++
	return c, nil
}

func (b *Reader) ReadSlice(delim byte) (line []byte, err error) {
	s := 0
	for {
		for i := b.r + s; i < b.w; i++ {
			if b.buf[i] == delim {
				line = b.buf[b.r : i+1]
				b.r = i + 1
				return line, nil
			}
		}
		if b.err != nil {
			line = b.buf[b.r:b.w]
			b.r = b.w
			err = b.readErr()
			return line, err
		}
		if b.Buffered() >= len(b.buf) {
			b.r = b.w
			return b.buf, ErrBufferFull
		}
		s = b.w - b.r
		b.fill()
	}
}

func (b *Reader) ReadBytes(delim byte) ([]byte, error) {
	var full []byte
	for {
		frag, err := b.ReadSlice(delim)
		full = append(full, frag...)
		if err != ErrBufferFull {
			return full, err
		}
	}
}

func (b *Reader) ReadString(delim byte) (string, error) {
	full, err := b.ReadBytes(delim)
	return string(full), err
}

type Writer struct {
	buf []byte
	n   int
	wr  io.Writer
	err error
}

func NewWriter(w io.Writer) *Writer { return &Writer{buf: make([]byte, 4096), wr: w} }

func (b *Writer) Flush() error {
	if b.err != nil {
		return b.err
	}
	if b.n == 0 {
		return nil
	}
	n, err := b.wr.Write(b.buf[0:b.n])
	if n < b.n && err == nil {
		err = io.ErrShortWrite
	}
	if err != nil {
		if n > 0 && n < b.n {
			copy(b.buf[0:b.n-n], b.buf[n:b.n])
		}
		b.n -= n
		b.err = err
		return err
	}
	b.n = 0
	return nil
}

func (b *Writer) Buffered() int { return b.n }

func (b *Writer) Write(p []byte) (nn int, err error) {
	for len(p) > len(b.buf)-b.n && b.err == nil {
		n := copy(b.buf[b.n:], p)
		b.n += n
		b.Flush()
		nn += n
		p = p[n:]
	}
	if b.err != nil {
		return nn, b.err
	}
	n := copy(b.buf[b.n:], p)
	b.n += n
	nn += n
	return nn, nil
}

func (b *Writer) WriteString(s string) (int, error) { return b.Write([]byte(s)) }

type SplitFunc func(data []byte, atEOF bool) (advance int, token []byte, err error)

type Scanner struct {
	r     io.Reader
	split SplitFunc
	token []byte
	buf   []byte
	start int
	end   int
	err   error
	done  bool
}

const MaxScanTokenSize = 64 * 1024

func NewScanner(r io.Reader) *Scanner { return &Scanner{r: r, split: ScanLines} }

func (s *Scanner) Split(split SplitFunc) { s.split = split }

func (s *Scanner) Err() error {
	if s.err == io.EOF {
		return nil
	}
	return s.err
}

func (s *Scanner) Bytes() []byte { return s.token }
func (s *Scanner) Text() string  { return string(s.token) }

func (s *Scanner) Scan() bool {
	if s.done {
		return false
	}
	for {
		if s.end > s.start || s.err != nil {
			advance, token, err := s.split(s.buf[s.start:s.end], s.err != nil)
			if err != nil {
				s.err = err
				s.done = true
				return false
			}
			s.start += advance
			if token != nil {
				s.token = token
				return true
			}
			if s.err != nil {
				s.done = true
				s.token = nil
				return false
			}
			if advance > 0 {
				continue
			}
		}
		if s.start > 0 && (s.end == len(s.buf) || s.start > len(s.buf)/2) {
			copy(s.buf, s.buf[s.start:s.end])
			s.end -= s.start
			s.start = 0
		}
		if s.end == len(s.buf) {
			if len(s.buf) >= MaxScanTokenSize {
				s.err = ErrTooLong
				s.done = true
				return false
			}
			n := len(s.buf) * 2
			if n == 0 {
				n = 4096
			}
			if n > MaxScanTokenSize {
				n = MaxScanTokenSize
			}
			nb := make([]byte, n)
			copy(nb, s.buf[s.start:s.end])
			s.end -= s.start
			s.start = 0
			s.buf = nb
		}
		for loop := 0; ; {
			n, err := s.r.Read(s.buf[s.end:len(s.buf)])
			s.end += n
			if err != nil {
				s.err = err
				break
			}
			if n > 0 {
				break
			}
			loop++
			if loop > 100 {
				s.err = io.ErrNoProgress
				break
			}
		}
	}
}

func ScanLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	for i := 0; i < len(data); i++ {
		if data[i] == '\n' {
			line := data[0:i]
			if len(line) > 0 && line[len(line)-1] == '\r' {
				line = line[0 : len(line)-1]
			}
			return i + 1, line, nil
		}
	}
	if atEOF {
		return len(data), data, nil
	}
	return 0, nil, nil
}

func ScanWords(data []byte, atEOF bool) (advance int, token []byte, err error) {
	start := 0
	for start < len(data) && isSpace(data[start]) {
		start++
	}
	for i := start; i < len(data); i++ {
		if isSpace(data[i]) {
			return i + 1, data[start:i], nil
		}
	}
	if atEOF && len(data) > start {
		return len(data), data[start:], nil
	}
	return start, nil, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' }
