// Package net as gosim simulates it: loopback TCP inside the program.
//
// Three layers, as in Go and Linux:
//   - the simulated kernel (sock, kern): listening sockets with their accept
//     queue, connected sockets with a receive queue of finite size, FIN and
//     RST, fd numbers; a socket that becomes readable or writable tells the
//     runtime's epoll instance (runtime_netpollNotify, ep_poll_callback);
//   - internal/poll (netFD): non-blocking syscalls that return EAGAIN, then
//     runtime_pollWait, which parks the goroutine on the fd's pollDesc
//     (wait reason "IO wait") until netpoll finds the fd ready;
//   - package net's API: Listen, Dial, Conn, Listener, OpError.
//
// The pollDescs, the epoll lists and netpoll itself are the runtime's
// (natives below). Differences from Linux: every socket's receive queue
// holds sockBuf bytes and there is no send queue; ephemeral ports count up
// from 40000.
package net

import (
	"io"
	"os"
	"strconv"
	"time"
)

// The runtime's netpoll hooks (runtime/netpoll.go): pollOpen registers fd
// with epoll (already ready for ev), pollReset/pollWait return
// netpollcheckerr's code (0 ok, 1 closing, 2 timeout).
func runtime_pollOpen(fd int, ev int)
func runtime_pollClose(fd int)
func runtime_pollReset(fd int, mode int) int
func runtime_pollWait(fd int, mode int) int
func runtime_pollUnblock(fd int)
func runtime_pollSetDeadline(fd int, until int64, has bool, mode int)
func runtime_netpollNotify(fd int, ev int)

// runtime_sockTrace tells the runtime what the kernel holds for fd, for the
// snapshot's picture (state 0 gone, 1 listening, 2 open, 3 peer closed,
// 4 reset); it changes nothing.
func runtime_sockTrace(fd, state, port, peerPort, queued, backlog int)

const (
	epollIn    = 0x1
	epollOut   = 0x4
	epollErr   = 0x8
	epollHup   = 0x10
	epollRdHup = 0x2000
)

// sockBuf is the bytes a socket's receive queue holds: a Write blocks
// (EAGAIN, then IO wait) when the peer's queue is full.
const sockBuf = 64 * 1024

// errno is a syscall.Errno's text.
type errno string

func (e errno) Error() string { return string(e) }

const (
	eAGAIN       errno = "resource temporarily unavailable"
	eCONNREFUSED errno = "connection refused"
	eCONNRESET   errno = "connection reset by peer"
	ePIPE        errno = "broken pipe"
	eADDRINUSE   errno = "address already in use"
)

// The simulated kernel's sockets.
type sock struct {
	fd        int
	laddr     *TCPAddr
	raddr     *TCPAddr
	peer      *sock
	rq        []byte // bytes received, not yet read
	finRcvd   bool   // the peer shut its write side: EOF once rq drains
	wrShut    bool   // this side sent its FIN
	err       error  // a pending socket error (SO_ERROR), reported once
	dead      bool   // reset: writes get EPIPE, reads EOF
	closed    bool
	listening bool
	acceptq   []*sock
}

type kernel struct {
	fds       []bool // fds in use; 0-4 are stdio, the epoll fd and its eventfd
	listeners map[int]*sock
	ephemeral int
}

var kern = kernel{fds: []bool{true, true, true, true, true}, listeners: map[int]*sock{}, ephemeral: 40000}

// allocFd returns the lowest free descriptor, as Linux does.
func (k *kernel) allocFd() int {
	for i, used := range k.fds {
		if !used {
			k.fds[i] = true
			return i
		}
	}
	k.fds = append(k.fds, true)
	return len(k.fds) - 1
}

func (k *kernel) freeFd(fd int) {
	if fd >= 0 && fd < len(k.fds) {
		k.fds[fd] = false
	}
}

func (s *sock) trace() {
	if s.fd < 0 {
		return
	}
	if s.closed {
		runtime_sockTrace(s.fd, 0, 0, 0, 0, 0)
		return
	}
	state := 2
	if s.listening {
		state = 1
	} else if s.dead {
		state = 4
	} else if s.finRcvd {
		state = 3
	}
	port, peer := 0, 0
	if s.laddr != nil {
		port = s.laddr.Port
	}
	if s.raddr != nil {
		peer = s.raddr.Port
	}
	runtime_sockTrace(s.fd, state, port, peer, len(s.rq), len(s.acceptq))
}

// reset delivers an RST to s: in CLOSE_WAIT (the FIN came first) Linux
// reports EPIPE, otherwise ECONNRESET.
func (s *sock) reset() {
	if s.dead || s.closed {
		return
	}
	if s.finRcvd {
		s.err = ePIPE
	} else {
		s.err = eCONNRESET
	}
	s.dead = true
	s.trace()
	runtime_netpollNotify(s.fd, epollIn|epollOut|epollErr|epollHup|epollRdHup)
}

// fin delivers the peer's FIN to s.
func (s *sock) fin() {
	if s.finRcvd || s.closed {
		return
	}
	s.finRcvd = true
	s.trace()
	runtime_netpollNotify(s.fd, epollIn|epollRdHup)
}

func (s *sock) sysRead(p []byte) (int, error) {
	if len(s.rq) > 0 {
		full := len(s.rq) >= sockBuf
		n := copy(p, s.rq)
		s.rq = s.rq[n:]
		s.trace()
		if full && s.peer != nil && !s.peer.closed {
			runtime_netpollNotify(s.peer.fd, epollOut)
		}
		return n, nil
	}
	if s.err != nil {
		err := s.err
		s.err = nil
		return 0, err
	}
	if s.dead || s.finRcvd {
		return 0, nil
	}
	return 0, eAGAIN
}

func (s *sock) sysWrite(p []byte) (int, error) {
	if s.err != nil {
		err := s.err
		s.err = nil
		return 0, err
	}
	if s.dead || s.wrShut {
		return 0, ePIPE
	}
	q := s.peer
	if q == nil || q.closed {
		// The peer's socket is gone: its kernel answers with an RST.
		s.reset()
		return len(p), nil
	}
	room := sockBuf - len(q.rq)
	if room <= 0 {
		return 0, eAGAIN
	}
	if len(p) < room {
		room = len(p)
	}
	q.rq = append(q.rq, p[:room]...)
	q.trace()
	runtime_netpollNotify(q.fd, epollIn)
	return room, nil
}

// close is the kernel's close(2): an RST when unread data is left behind
// (or the peer's queue of an unaccepted connection), a FIN otherwise.
func (s *sock) close() {
	if s.closed {
		return
	}
	s.closed = true
	s.trace()
	kern.freeFd(s.fd)
	if s.listening {
		if kern.listeners[s.laddr.Port] == s {
			delete(kern.listeners, s.laddr.Port)
		}
		for _, c := range s.acceptq {
			c.closed = true
			if c.peer != nil {
				c.peer.reset()
			}
		}
		s.acceptq = nil
		return
	}
	if s.peer != nil && !s.peer.closed {
		if len(s.rq) > 0 {
			s.peer.reset()
		} else if !s.wrShut {
			s.peer.fin()
		}
	}
}

// netFD is internal/poll's FD with net's netFD: a socket, its pollDesc
// (keyed by the fd number) and its addresses.
type netFD struct {
	s      *sock
	closed bool
	laddr  Addr
	raddr  Addr
	// fdMutex's reference count: I/O in flight. Close waits for it to
	// drop to zero (csema) before the kernel socket is closed.
	refs  int
	csema chan struct{}
}

// incref is fdMutex.rwlock/incref: fails once Close has begun.
func (fd *netFD) incref() bool {
	if fd.closed {
		return false
	}
	fd.refs++
	return true
}

// decref drops a reference; the last one after Close destroys the socket
// and lets Close return (runtime_Semrelease(&fd.csema)).
func (fd *netFD) decref() {
	fd.refs--
	if fd.closed && fd.refs == 0 {
		fd.destroy()
	}
}

func (fd *netFD) destroy() {
	runtime_pollClose(fd.s.fd)
	fd.s.close()
	if fd.csema != nil {
		close(fd.csema)
	}
}

// errNetClosing is internal/poll.ErrNetClosing.
type errNetClosing struct{}

func (e errNetClosing) Error() string   { return "use of closed network connection" }
func (e errNetClosing) Timeout() bool   { return false }
func (e errNetClosing) Temporary() bool { return false }

// ErrClosed is returned by I/O on a closed connection or listener.
var ErrClosed error = errNetClosing{}

func convertErr(code int) error {
	switch code {
	case 1:
		return ErrClosed
	case 2:
		return os.ErrDeadlineExceeded
	}
	return nil
}

func (fd *netFD) Read(p []byte) (int, error) {
	if !fd.incref() {
		return 0, ErrClosed
	}
	defer fd.decref()
	if err := convertErr(runtime_pollReset(fd.s.fd, 'r')); err != nil {
		return 0, err
	}
	if len(p) == 0 {
		return 0, nil
	}
	for {
		n, err := fd.s.sysRead(p)
		if err == eAGAIN {
			if err = convertErr(runtime_pollWait(fd.s.fd, 'r')); err == nil {
				continue
			}
			return 0, err
		}
		if err != nil {
			return 0, os.NewSyscallError("read", err)
		}
		if n == 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}

func (fd *netFD) Write(p []byte) (int, error) {
	if !fd.incref() {
		return 0, ErrClosed
	}
	defer fd.decref()
	if err := convertErr(runtime_pollReset(fd.s.fd, 'w')); err != nil {
		return 0, err
	}
	nn := 0
	for {
		n, err := fd.s.sysWrite(p[nn:])
		if n > 0 {
			nn += n
		}
		if nn == len(p) {
			return nn, nil
		}
		if err == eAGAIN {
			if err = convertErr(runtime_pollWait(fd.s.fd, 'w')); err == nil {
				continue
			}
			return nn, err
		}
		if err != nil {
			return nn, os.NewSyscallError("write", err)
		}
	}
}

func (fd *netFD) Close() error {
	if fd.closed {
		return ErrClosed
	}
	fd.closed = true
	// pd.evict: goroutines parked on this fd wake with ErrClosed; Close
	// returns once they have let go of it.
	runtime_pollUnblock(fd.s.fd)
	if fd.refs == 0 {
		fd.destroy()
		return nil
	}
	fd.csema = make(chan struct{})
	<-fd.csema
	return nil
}

func (fd *netFD) accept() (*netFD, error) {
	if !fd.incref() {
		return nil, ErrClosed
	}
	defer fd.decref()
	if err := convertErr(runtime_pollReset(fd.s.fd, 'r')); err != nil {
		return nil, err
	}
	for {
		if len(fd.s.acceptq) > 0 {
			c := fd.s.acceptq[0]
			fd.s.acceptq = fd.s.acceptq[1:]
			c.fd = kern.allocFd()
			ev := epollOut
			if len(c.rq) > 0 || c.finRcvd {
				ev |= epollIn
			}
			runtime_pollOpen(c.fd, ev)
			c.trace()
			fd.s.trace()
			return &netFD{s: c, laddr: c.laddr, raddr: c.raddr}, nil
		}
		if err := convertErr(runtime_pollWait(fd.s.fd, 'r')); err != nil {
			return nil, err
		}
	}
}

func (fd *netFD) setDeadline(t time.Time, mode int) error {
	if fd.closed {
		return ErrClosed
	}
	runtime_pollSetDeadline(fd.s.fd, int64(time.Until(t)), !t.IsZero(), mode)
	return nil
}

// Addr is a network end point address.
type Addr interface {
	Network() string
	String() string
}

// IP is an IPv4 address (4 bytes) or nil, the unspecified address.
type IP []byte

func (ip IP) String() string {
	if len(ip) != 4 {
		return "<nil>"
	}
	return strconv.Itoa(int(ip[0])) + "." + strconv.Itoa(int(ip[1])) + "." + strconv.Itoa(int(ip[2])) + "." + strconv.Itoa(int(ip[3]))
}

// TCPAddr is a TCP end point.
type TCPAddr struct {
	IP   IP
	Port int
	Zone string
}

func (a *TCPAddr) Network() string { return "tcp" }

func (a *TCPAddr) String() string {
	if a == nil {
		return "<nil>"
	}
	if len(a.IP) == 0 {
		return JoinHostPort("::", strconv.Itoa(a.Port))
	}
	return JoinHostPort(a.IP.String(), strconv.Itoa(a.Port))
}

func JoinHostPort(host, port string) string {
	for i := 0; i < len(host); i++ {
		if host[i] == ':' {
			return "[" + host + "]:" + port
		}
	}
	return host + ":" + port
}

func SplitHostPort(hostport string) (host, port string, err error) {
	i := -1
	for j := len(hostport) - 1; j >= 0; j-- {
		if hostport[j] == ':' {
			i = j
			break
		}
	}
	if i < 0 {
		return "", "", &AddrError{Err: "missing port in address", Addr: hostport}
	}
	host, port = hostport[:i], hostport[i+1:]
	if len(host) > 1 && host[0] == '[' && host[len(host)-1] == ']' {
		host = host[1 : len(host)-1]
	}
	return host, port, nil
}

// AddrError is an address that cannot be used.
type AddrError struct {
	Err  string
	Addr string
}

func (e *AddrError) Error() string {
	if e == nil {
		return "<nil>"
	}
	s := e.Err
	if e.Addr != "" {
		s = "address " + e.Addr + ": " + s
	}
	return s
}
func (e *AddrError) Timeout() bool   { return false }
func (e *AddrError) Temporary() bool { return false }

// UnknownNetworkError is a network other than "tcp", "tcp4" or "tcp6".
type UnknownNetworkError string

func (e UnknownNetworkError) Error() string   { return "unknown network " + string(e) }
func (e UnknownNetworkError) Timeout() bool   { return false }
func (e UnknownNetworkError) Temporary() bool { return false }

// Error is a network error.
type Error interface {
	error
	Timeout() bool
	Temporary() bool
}

// OpError is the error type usually returned by package net's functions.
type OpError struct {
	Op     string
	Net    string
	Source Addr
	Addr   Addr
	Err    error
}

func (e *OpError) Unwrap() error { return e.Err }

func (e *OpError) Error() string {
	if e == nil {
		return "<nil>"
	}
	s := e.Op
	if e.Net != "" {
		s += " " + e.Net
	}
	if e.Source != nil {
		s += " " + e.Source.String()
	}
	if e.Addr != nil {
		if e.Source != nil {
			s += "->"
		} else {
			s += " "
		}
		s += e.Addr.String()
	}
	s += ": " + e.Err.Error()
	return s
}

func (e *OpError) Timeout() bool {
	t, ok := e.Err.(interface{ Timeout() bool })
	return ok && t.Timeout()
}

func (e *OpError) Temporary() bool { return false }

// resolve parses "host:port" for tcp: an IPv4 literal, localhost, or an
// empty host (nil: the unspecified address).
func resolve(op, network, address string) (*TCPAddr, error) {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return nil, &OpError{Op: op, Net: network, Err: UnknownNetworkError(network)}
	}
	host, port, err := SplitHostPort(address)
	if err != nil {
		return nil, &OpError{Op: op, Net: network, Err: err}
	}
	p, perr := strconv.Atoi(port)
	if perr != nil || p < 0 || p > 65535 {
		return nil, &OpError{Op: op, Net: network, Err: &AddrError{Err: "invalid port", Addr: address}}
	}
	a := &TCPAddr{Port: p}
	switch host {
	case "", "0.0.0.0", "::":
	case "localhost":
		a.IP = IP{127, 0, 0, 1}
	default:
		ip := parseIPv4(host)
		if ip == nil {
			return nil, &OpError{Op: op, Net: network, Err: &AddrError{Err: "no such host", Addr: host}}
		}
		a.IP = ip
	}
	return a, nil
}

func parseIPv4(s string) IP {
	ip := IP{0, 0, 0, 0}
	part, n, digits := 0, 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if digits == 0 || n > 255 || part > 3 {
				return nil
			}
			ip[part] = byte(n)
			part++
			n, digits = 0, 0
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return nil
		}
		n = n*10 + int(s[i]-'0')
		digits++
	}
	if part != 4 {
		return nil
	}
	return ip
}

// Listener is a generic network listener.
type Listener interface {
	Accept() (Conn, error)
	Close() error
	Addr() Addr
}

// TCPListener is a TCP network listener.
type TCPListener struct {
	fd *netFD
}

func Listen(network, address string) (Listener, error) {
	a, err := resolve("listen", network, address)
	if err != nil {
		return nil, err
	}
	if a.Port == 0 {
		a.Port = kern.ephemeral
		kern.ephemeral++
	}
	if _, busy := kern.listeners[a.Port]; busy {
		return nil, &OpError{Op: "listen", Net: network, Addr: a, Err: os.NewSyscallError("bind", eADDRINUSE)}
	}
	s := &sock{fd: kern.allocFd(), laddr: a, listening: true}
	kern.listeners[a.Port] = s
	runtime_pollOpen(s.fd, 0)
	s.trace()
	return &TCPListener{fd: &netFD{s: s, laddr: a}}, nil
}

func (l *TCPListener) Accept() (Conn, error) {
	fd, err := l.fd.accept()
	if err != nil {
		return nil, &OpError{Op: "accept", Net: "tcp", Addr: l.fd.laddr, Err: err}
	}
	return &TCPConn{fd: fd}, nil
}

func (l *TCPListener) Close() error {
	if err := l.fd.Close(); err != nil {
		return &OpError{Op: "close", Net: "tcp", Addr: l.fd.laddr, Err: err}
	}
	return nil
}

func (l *TCPListener) Addr() Addr { return l.fd.laddr }

func (l *TCPListener) SetDeadline(t time.Time) error {
	if err := l.fd.setDeadline(t, 'r'+'w'); err != nil {
		return &OpError{Op: "set", Net: "tcp", Addr: l.fd.laddr, Err: err}
	}
	return nil
}

// Conn is a generic stream-oriented network connection.
type Conn interface {
	Read(b []byte) (n int, err error)
	Write(b []byte) (n int, err error)
	Close() error
	LocalAddr() Addr
	RemoteAddr() Addr
	SetDeadline(t time.Time) error
	SetReadDeadline(t time.Time) error
	SetWriteDeadline(t time.Time) error
}

// TCPConn is a TCP connection.
type TCPConn struct {
	fd *netFD
}

func (c *TCPConn) opErr(op string, err error) error {
	return &OpError{Op: op, Net: "tcp", Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
}

func (c *TCPConn) Read(b []byte) (int, error) {
	n, err := c.fd.Read(b)
	if err != nil && err != io.EOF {
		err = c.opErr("read", err)
	}
	return n, err
}

func (c *TCPConn) Write(b []byte) (int, error) {
	n, err := c.fd.Write(b)
	if err != nil {
		err = c.opErr("write", err)
	}
	return n, err
}

func (c *TCPConn) Close() error {
	if err := c.fd.Close(); err != nil {
		return c.opErr("close", err)
	}
	return nil
}

// CloseWrite shuts down the writing side: the peer reads EOF.
func (c *TCPConn) CloseWrite() error {
	if c.fd.closed {
		return c.opErr("close", ErrClosed)
	}
	s := c.fd.s
	if !s.wrShut && s.peer != nil && !s.peer.closed {
		s.peer.fin()
	}
	s.wrShut = true
	return nil
}

func (c *TCPConn) LocalAddr() Addr  { return c.fd.laddr }
func (c *TCPConn) RemoteAddr() Addr { return c.fd.raddr }

func (c *TCPConn) SetDeadline(t time.Time) error {
	if err := c.fd.setDeadline(t, 'r'+'w'); err != nil {
		return c.opErr("set", err)
	}
	return nil
}

func (c *TCPConn) SetReadDeadline(t time.Time) error {
	if err := c.fd.setDeadline(t, 'r'); err != nil {
		return c.opErr("set", err)
	}
	return nil
}

func (c *TCPConn) SetWriteDeadline(t time.Time) error {
	if err := c.fd.setDeadline(t, 'w'); err != nil {
		return c.opErr("set", err)
	}
	return nil
}

// Dial connects to address on loopback: a non-blocking connect(2) that
// returns EINPROGRESS, then a wait for the fd to be writable, as
// netFD.connect does.
func Dial(network, address string) (Conn, error) {
	a, err := resolve("dial", network, address)
	if err != nil {
		return nil, err
	}
	if a.IP == nil {
		a.IP = IP{127, 0, 0, 1}
	}
	s := &sock{fd: kern.allocFd(), raddr: a}
	runtime_pollOpen(s.fd, 0)
	l := kern.listeners[a.Port]
	if l != nil && len(l.laddr.IP) != 0 && l.laddr.IP.String() != a.IP.String() {
		l = nil
	}
	if l != nil && a.IP[0] != 127 {
		l = nil
	}
	if l == nil {
		s.err = eCONNREFUSED
		s.dead = true
		runtime_netpollNotify(s.fd, epollOut|epollErr|epollHup)
	} else {
		s.laddr = &TCPAddr{IP: IP{127, 0, 0, 1}, Port: kern.ephemeral}
		kern.ephemeral++
		srv := &sock{fd: -1, laddr: &TCPAddr{IP: a.IP, Port: a.Port}, raddr: s.laddr, peer: s}
		s.peer = srv
		l.acceptq = append(l.acceptq, srv)
		s.trace()
		l.trace()
		runtime_netpollNotify(l.fd, epollIn)
		runtime_netpollNotify(s.fd, epollOut)
	}
	runtime_pollReset(s.fd, 'w')
	runtime_pollWait(s.fd, 'w')
	if s.err != nil {
		e := s.err
		s.err = nil
		runtime_pollUnblock(s.fd)
		runtime_pollClose(s.fd)
		s.closed = true
		kern.freeFd(s.fd)
		return nil, &OpError{Op: "dial", Net: network, Addr: a, Err: os.NewSyscallError("connect", e)}
	}
	return &TCPConn{fd: &netFD{s: s, laddr: s.laddr, raddr: a}}, nil
}

// DialTimeout is Dial: a loopback connect never takes time here.
func DialTimeout(network, address string, timeout time.Duration) (Conn, error) {
	return Dial(network, address)
}
