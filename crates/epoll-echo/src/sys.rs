//! Thin, safe wrappers over the Linux system calls that the event loop and the load generator
//! make: sockets, epoll, signalfd, eventfd, rlimits and rusage.
//!
//! This module owns every `unsafe` libc call in the crate and nothing else: it keeps no state,
//! makes no policy decisions (retrying EINTR is the one exception, because no caller ever wants
//! to see it) and never panics. Callers get `io::Result`s and decide what an errno means.

use std::io;
use std::mem;
use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

/// Turns a libc `-1`/errno return into an `io::Error`.
fn cvt(r: libc::c_int) -> io::Result<libc::c_int> {
    if r == -1 {
        Err(io::Error::last_os_error())
    } else {
        Ok(r)
    }
}

/// Runs `f` until it does not fail with EINTR (a signal interrupted the call).
fn retry_eintr<T>(mut f: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    loop {
        match f() {
            Err(e) if e.raw_os_error() == Some(libc::EINTR) => continue,
            other => return other,
        }
    }
}

/// Wraps a freshly returned descriptor.
fn owned(fd: RawFd) -> OwnedFd {
    // SAFETY: `fd` was just returned by the kernel and is owned by no one else.
    unsafe { OwnedFd::from_raw_fd(fd) }
}

fn sockaddr_in(addr: SocketAddrV4) -> libc::sockaddr_in {
    libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: addr.port().to_be(),
        sin_addr: libc::in_addr {
            s_addr: u32::from(*addr.ip()).to_be(),
        },
        sin_zero: [0; 8],
    }
}

fn from_sockaddr_in(sa: &libc::sockaddr_in) -> SocketAddrV4 {
    SocketAddrV4::new(
        Ipv4Addr::from(u32::from_be(sa.sin_addr.s_addr)),
        u16::from_be(sa.sin_port),
    )
}

fn setsockopt_int(
    fd: RawFd,
    level: libc::c_int,
    name: libc::c_int,
    value: libc::c_int,
) -> io::Result<()> {
    // SAFETY: the option value is a valid c_int that outlives the call.
    cvt(unsafe {
        libc::setsockopt(
            fd,
            level,
            name,
            &value as *const libc::c_int as *const libc::c_void,
            mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    })
    .map(drop)
}

/// A non-blocking, close-on-exec IPv4 TCP socket.
pub fn tcp_socket(nonblocking: bool) -> io::Result<OwnedFd> {
    let mut ty = libc::SOCK_STREAM | libc::SOCK_CLOEXEC;
    if nonblocking {
        ty |= libc::SOCK_NONBLOCK;
    }
    // SAFETY: plain syscall with constant arguments.
    cvt(unsafe { libc::socket(libc::AF_INET, ty, 0) }).map(owned)
}

/// Creates a non-blocking listening socket. With `reuseport`, several event loops can each bind
/// their own listener to the same address and the kernel spreads new connections over them.
pub fn tcp_listen(addr: SocketAddrV4, reuseport: bool, backlog: i32) -> io::Result<OwnedFd> {
    let fd = tcp_socket(true)?;
    setsockopt_int(fd.as_raw_fd(), libc::SOL_SOCKET, libc::SO_REUSEADDR, 1)?;
    if reuseport {
        setsockopt_int(fd.as_raw_fd(), libc::SOL_SOCKET, libc::SO_REUSEPORT, 1)?;
    }
    bind(fd.as_raw_fd(), addr)?;
    // SAFETY: plain syscall on a descriptor we own.
    cvt(unsafe { libc::listen(fd.as_raw_fd(), backlog) })?;
    Ok(fd)
}

/// Binds a socket to `addr`.
pub fn bind(fd: RawFd, addr: SocketAddrV4) -> io::Result<()> {
    let sa = sockaddr_in(addr);
    // SAFETY: `sa` is a valid sockaddr_in for the duration of the call.
    cvt(unsafe {
        libc::bind(
            fd,
            &sa as *const libc::sockaddr_in as *const libc::sockaddr,
            mem::size_of::<libc::sockaddr_in>() as libc::socklen_t,
        )
    })
    .map(drop)
}

/// Connects a socket to `addr`. On a non-blocking socket this returns EINPROGRESS.
pub fn connect(fd: RawFd, addr: SocketAddrV4) -> io::Result<()> {
    let sa = sockaddr_in(addr);
    // SAFETY: `sa` is a valid sockaddr_in for the duration of the call.
    retry_eintr(|| {
        cvt(unsafe {
            libc::connect(
                fd,
                &sa as *const libc::sockaddr_in as *const libc::sockaddr,
                mem::size_of::<libc::sockaddr_in>() as libc::socklen_t,
            )
        })
    })
    .map(drop)
}

/// Lets `connect` pick the source port per 4-tuple instead of at `bind` time, so that binding
/// many sockets to one source address does not exhaust its ephemeral ports early.
pub fn set_bind_address_no_port(fd: RawFd) -> io::Result<()> {
    setsockopt_int(fd, libc::IPPROTO_IP, libc::IP_BIND_ADDRESS_NO_PORT, 1)
}

/// Disables Nagle's algorithm, as Go does for every TCP connection.
pub fn set_nodelay(fd: RawFd) -> io::Result<()> {
    setsockopt_int(fd, libc::IPPROTO_TCP, libc::TCP_NODELAY, 1)
}

/// Fixes SO_SNDBUF (which also turns off the kernel's send-buffer autotuning), bounding what
/// the kernel holds for a peer that does not read.
pub fn set_send_buffer(fd: RawFd, bytes: usize) -> io::Result<()> {
    let bytes = bytes.min(libc::c_int::MAX as usize) as libc::c_int;
    setsockopt_int(fd, libc::SOL_SOCKET, libc::SO_SNDBUF, bytes)
}

/// Sets SO_RCVTIMEO: a blocking read fails with EAGAIN after `d` (a safety bound, not a clock).
pub fn set_recv_timeout(fd: RawFd, d: std::time::Duration) -> io::Result<()> {
    let tv = libc::timeval {
        tv_sec: d.as_secs() as libc::time_t,
        tv_usec: d.subsec_micros() as libc::suseconds_t,
    };
    // SAFETY: `tv` is a valid timeval for the duration of the call.
    cvt(unsafe {
        libc::setsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_RCVTIMEO,
            &tv as *const libc::timeval as *const libc::c_void,
            mem::size_of::<libc::timeval>() as libc::socklen_t,
        )
    })
    .map(drop)
}

/// Makes `close` send a RST instead of a FIN (SO_LINGER with a zero timeout).
pub fn set_linger_zero(fd: RawFd) -> io::Result<()> {
    let lg = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: `lg` is a valid linger struct for the duration of the call.
    cvt(unsafe {
        libc::setsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            &lg as *const libc::linger as *const libc::c_void,
            mem::size_of::<libc::linger>() as libc::socklen_t,
        )
    })
    .map(drop)
}

/// Switches O_NONBLOCK on or off.
pub fn set_nonblocking(fd: RawFd, on: bool) -> io::Result<()> {
    // SAFETY: fcntl on a descriptor the caller owns.
    let flags = cvt(unsafe { libc::fcntl(fd, libc::F_GETFL) })?;
    let flags = if on {
        flags | libc::O_NONBLOCK
    } else {
        flags & !libc::O_NONBLOCK
    };
    cvt(unsafe { libc::fcntl(fd, libc::F_SETFL, flags) }).map(drop)
}

/// The address a socket is bound to.
pub fn local_addr(fd: RawFd) -> io::Result<SocketAddrV4> {
    // SAFETY: an all-zero sockaddr_in is valid; getsockname writes at most `len` bytes.
    let mut sa: libc::sockaddr_in = unsafe { mem::zeroed() };
    let mut len = mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
    cvt(unsafe {
        libc::getsockname(
            fd,
            &mut sa as *mut libc::sockaddr_in as *mut libc::sockaddr,
            &mut len,
        )
    })?;
    Ok(from_sockaddr_in(&sa))
}

/// The pending socket error (SO_ERROR), used after a non-blocking connect completes.
pub fn take_socket_error(fd: RawFd) -> io::Result<Option<io::Error>> {
    let mut err: libc::c_int = 0;
    let mut len = mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: `err` and `len` are valid for writes during the call.
    cvt(unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_ERROR,
            &mut err as *mut libc::c_int as *mut libc::c_void,
            &mut len,
        )
    })?;
    Ok((err != 0).then(|| io::Error::from_raw_os_error(err)))
}

/// `accept4` with SOCK_NONBLOCK|SOCK_CLOEXEC, retrying EINTR.
pub fn accept(listener: RawFd) -> io::Result<(OwnedFd, SocketAddrV4)> {
    retry_eintr(|| {
        // SAFETY: an all-zero sockaddr_in is valid; accept4 writes at most `len` bytes.
        let mut sa: libc::sockaddr_in = unsafe { mem::zeroed() };
        let mut len = mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
        let fd = cvt(unsafe {
            libc::accept4(
                listener,
                &mut sa as *mut libc::sockaddr_in as *mut libc::sockaddr,
                &mut len,
                libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
            )
        })?;
        Ok((owned(fd), from_sockaddr_in(&sa)))
    })
}

/// `read(2)`, retrying EINTR. EAGAIN comes back as `ErrorKind::WouldBlock`.
pub fn read(fd: RawFd, buf: &mut [u8]) -> io::Result<usize> {
    retry_eintr(|| {
        // SAFETY: `buf` is valid for `buf.len()` bytes of writes.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
        if n < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(n as usize)
        }
    })
}

/// `write(2)` on a socket (as `send` with MSG_NOSIGNAL, so a dead peer gives EPIPE instead of
/// killing the process with SIGPIPE), retrying EINTR.
pub fn write(fd: RawFd, buf: &[u8]) -> io::Result<usize> {
    retry_eintr(|| {
        // SAFETY: `buf` is valid for `buf.len()` bytes of reads.
        let n = unsafe {
            libc::send(
                fd,
                buf.as_ptr() as *const libc::c_void,
                buf.len(),
                libc::MSG_NOSIGNAL,
            )
        };
        if n < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(n as usize)
        }
    })
}

/// `shutdown(fd, SHUT_WR)`: send a FIN but keep reading.
pub fn shutdown_write(fd: RawFd) -> io::Result<()> {
    // SAFETY: plain syscall on a descriptor the caller owns.
    cvt(unsafe { libc::shutdown(fd, libc::SHUT_WR) }).map(drop)
}

/// An epoll instance. Wraps `epoll_create1`, `epoll_ctl` and `epoll_wait`; the event loop adds
/// Go's names and the trace on top.
pub struct Epoll {
    fd: OwnedFd,
}

impl Epoll {
    pub fn new() -> io::Result<Epoll> {
        // SAFETY: plain syscall with a constant flag.
        cvt(unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) }).map(|fd| Epoll { fd: owned(fd) })
    }

    pub fn raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    pub fn ctl(&self, op: libc::c_int, fd: RawFd, events: u32, data: u64) -> io::Result<()> {
        let mut ev = libc::epoll_event { events, u64: data };
        // SAFETY: `ev` is a valid epoll_event for the duration of the call.
        cvt(unsafe { libc::epoll_ctl(self.fd.as_raw_fd(), op, fd, &mut ev) }).map(drop)
    }

    /// `epoll_wait`. EINTR is returned to the caller as zero events (the loop just goes round).
    pub fn wait(&self, events: &mut [libc::epoll_event], timeout_ms: i32) -> io::Result<usize> {
        let max = events.len().min(i32::MAX as usize) as libc::c_int;
        // SAFETY: `events` is valid for `max` entries of writes.
        let n =
            unsafe { libc::epoll_wait(self.fd.as_raw_fd(), events.as_mut_ptr(), max, timeout_ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.raw_os_error() == Some(libc::EINTR) {
                return Ok(0);
            }
            return Err(e);
        }
        Ok(n as usize)
    }
}

/// A zeroed epoll_event, for sizing event buffers.
pub fn empty_event() -> libc::epoll_event {
    libc::epoll_event { events: 0, u64: 0 }
}

/// A non-blocking eventfd; writing to it makes it readable until someone reads it.
pub fn eventfd() -> io::Result<OwnedFd> {
    // SAFETY: plain syscall with constant flags.
    cvt(unsafe { libc::eventfd(0, libc::EFD_NONBLOCK | libc::EFD_CLOEXEC) }).map(owned)
}

/// Adds 1 to an eventfd's counter, waking every epoll set it is registered in.
pub fn eventfd_signal(fd: RawFd) -> io::Result<()> {
    let one: u64 = 1;
    // SAFETY: writes 8 bytes from a valid u64.
    let n = unsafe { libc::write(fd, &one as *const u64 as *const libc::c_void, 8) };
    if n < 0 {
        let e = io::Error::last_os_error();
        // The counter is saturated: it is readable already, which is all we wanted.
        if e.kind() == io::ErrorKind::WouldBlock {
            return Ok(());
        }
        return Err(e);
    }
    Ok(())
}

fn sigset(signals: &[libc::c_int]) -> libc::sigset_t {
    // SAFETY: sigemptyset initialises the set; sigaddset only fails for invalid signal numbers,
    // and callers pass constants.
    unsafe {
        let mut set: libc::sigset_t = mem::zeroed();
        libc::sigemptyset(&mut set);
        for &s in signals {
            libc::sigaddset(&mut set, s);
        }
        set
    }
}

/// Blocks `signals` in the calling thread (threads spawned afterwards inherit the mask) and
/// returns a non-blocking signalfd that reads them instead.
pub fn block_signals_to_signalfd(signals: &[libc::c_int]) -> io::Result<OwnedFd> {
    let set = sigset(signals);
    // SAFETY: `set` is an initialised sigset.
    let r = unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) };
    if r != 0 {
        return Err(io::Error::from_raw_os_error(r));
    }
    // SAFETY: `set` is an initialised sigset; -1 asks for a new descriptor.
    cvt(unsafe { libc::signalfd(-1, &set, libc::SFD_NONBLOCK | libc::SFD_CLOEXEC) }).map(owned)
}

/// Reads one signal number from a signalfd, or None if nothing is pending.
pub fn read_signal(fd: RawFd) -> io::Result<Option<i32>> {
    // SAFETY: an all-zero signalfd_siginfo is valid; read writes at most its size.
    let mut info: libc::signalfd_siginfo = unsafe { mem::zeroed() };
    let size = mem::size_of::<libc::signalfd_siginfo>();
    let r = retry_eintr(|| {
        let n = unsafe {
            libc::read(
                fd,
                &mut info as *mut libc::signalfd_siginfo as *mut libc::c_void,
                size,
            )
        };
        if n < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(n as usize)
        }
    });
    match r {
        Ok(n) if n == size => Ok(Some(info.ssi_signo as i32)),
        Ok(_) => Ok(None),
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(None),
        Err(e) => Err(e),
    }
}

/// The name of a signal we handle, for the summary.
pub fn signal_name(sig: i32) -> &'static str {
    match sig {
        libc::SIGINT => "SIGINT",
        libc::SIGTERM => "SIGTERM",
        _ => "signal",
    }
}

/// The inode number of a descriptor (`fstat`'s `st_ino`). For a socket it is the number
/// `/proc/net/tcp` lists and `/proc/<pid>/fd/N` links to as `socket:[INODE]`.
pub fn fd_inode(fd: RawFd) -> io::Result<u64> {
    // SAFETY: an all-zero stat is valid; fstat only writes it.
    let mut st: libc::stat = unsafe { mem::zeroed() };
    cvt(unsafe { libc::fstat(fd, &mut st) })?;
    Ok(st.st_ino)
}

/// `poll(2)` for readability on each of `fds`, retrying EINTR; -1 waits without a bound.
/// Returns which descriptors are readable (or hung up, or in error: a read will not block).
pub fn poll_readable(fds: &[RawFd], timeout_ms: i32) -> io::Result<Vec<bool>> {
    let mut pfds: Vec<libc::pollfd> = fds
        .iter()
        .map(|&fd| libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        })
        .collect();
    retry_eintr(|| {
        // SAFETY: `pfds` is valid for `pfds.len()` entries of reads and writes.
        cvt(unsafe { libc::poll(pfds.as_mut_ptr(), pfds.len() as libc::nfds_t, timeout_ms) })
    })?;
    Ok(pfds.iter().map(|p| p.revents != 0).collect())
}

/// Opens the reserve descriptor held back for the EMFILE dance.
pub fn open_reserve() -> io::Result<OwnedFd> {
    // SAFETY: the path is a valid NUL-terminated C string.
    cvt(unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC) }).map(owned)
}

/// The soft and hard RLIMIT_NOFILE.
pub fn nofile_limit() -> io::Result<(u64, u64)> {
    let mut rl = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `rl` is valid for writes.
    cvt(unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut rl) })?;
    Ok((rl.rlim_cur, rl.rlim_max))
}

/// Raises the soft RLIMIT_NOFILE to the hard limit (Go's runtime does the same at start-up) and
/// returns the new soft limit.
pub fn raise_nofile_limit() -> io::Result<u64> {
    let (cur, max) = nofile_limit()?;
    if cur >= max {
        return Ok(cur);
    }
    let rl = libc::rlimit {
        rlim_cur: max,
        rlim_max: max,
    };
    // SAFETY: `rl` is a valid rlimit.
    cvt(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &rl) })?;
    Ok(max)
}

/// Sets the soft RLIMIT_NOFILE (used by tests, in a child, to provoke EMFILE).
pub fn set_nofile_soft_limit(soft: u64) -> io::Result<()> {
    let (_, max) = nofile_limit()?;
    let rl = libc::rlimit {
        rlim_cur: soft.min(max),
        rlim_max: max,
    };
    // SAFETY: `rl` is a valid rlimit.
    cvt(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &rl) }).map(drop)
}

/// User plus system CPU time of the calling thread, in microseconds.
pub fn thread_cpu_micros() -> u64 {
    rusage_micros(libc::RUSAGE_THREAD)
}

/// User plus system CPU time of the whole process, in microseconds.
pub fn process_cpu_micros() -> u64 {
    rusage_micros(libc::RUSAGE_SELF)
}

fn rusage_micros(who: libc::c_int) -> u64 {
    // SAFETY: an all-zero rusage is valid; getrusage only writes it.
    let mut ru: libc::rusage = unsafe { mem::zeroed() };
    if unsafe { libc::getrusage(who, &mut ru) } != 0 {
        return 0;
    }
    let tv = |t: libc::timeval| t.tv_sec.max(0) as u64 * 1_000_000 + t.tv_usec.max(0) as u64;
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

/// Clock ticks per second, for reading `/proc/<pid>/stat`.
pub fn clock_ticks_per_sec() -> u64 {
    // SAFETY: plain sysconf query.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t <= 0 {
        100
    } else {
        t as u64
    }
}

/// Sends `sig` to process `pid`.
pub fn kill(pid: i32, sig: i32) -> io::Result<()> {
    // SAFETY: plain syscall.
    cvt(unsafe { libc::kill(pid, sig) }).map(drop)
}
