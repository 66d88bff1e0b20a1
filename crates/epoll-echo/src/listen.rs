//! Binding the server's listeners: one per event loop, in one SO_REUSEPORT group, and the
//! checks that keep that group to ourselves.
//!
//! SO_REUSEPORT lets any process of the same user join the group, and the kernel then splits
//! new connections between the members. A second server started on a port that is already
//! served would silently steal connections, so binding refuses when another process listens on
//! an overlapping address, unless the caller asks to share ([`ListenConfig::share_port`]). The
//! check reads `/proc/net/tcp` and `/proc/net/tcp6`; it runs before binding (the common case:
//! the other server is already up, so we never join its group) and again after `listen` (two
//! servers starting at once: the later one, or both, refuse).
//!
//! This module opens sockets and reads `/proc`; it never accepts or serves anything.

use crate::sys;
use std::io;
use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::{AsRawFd, OwnedFd};

/// How to bind.
#[derive(Clone, Copy, Debug)]
pub struct ListenConfig {
    pub addr: SocketAddrV4,
    /// Listeners to bind (one per event loop).
    pub count: usize,
    pub backlog: i32,
    /// Join a port other processes already serve, on purpose (`--reuse-port-shared`).
    pub share_port: bool,
}

/// Binds `cfg.count` listeners on one address. With more than one, or when sharing, they use
/// SO_REUSEPORT; the first one's port is used for the rest when `cfg.addr` has port 0.
pub fn bind_listeners(cfg: ListenConfig) -> io::Result<Vec<OwnedFd>> {
    let reuseport = cfg.count > 1 || cfg.share_port;
    if !cfg.share_port && cfg.addr.port() != 0 {
        refuse_if_served(cfg.addr, &[])?;
    }
    let first = sys::tcp_listen(cfg.addr, reuseport, cfg.backlog)
        .map_err(|e| explain_bind_error(cfg.addr, e))?;
    let local = sys::local_addr(first.as_raw_fd())?;
    let mut listeners = vec![first];
    for _ in 1..cfg.count.max(1) {
        listeners.push(
            sys::tcp_listen(local, true, cfg.backlog).map_err(|e| explain_bind_error(local, e))?,
        );
    }
    if reuseport && !cfg.share_port {
        let ours = listeners
            .iter()
            .map(|l| sys::fd_inode(l.as_raw_fd()))
            .collect::<io::Result<Vec<u64>>>()?;
        refuse_if_served(local, &ours)?;
    }
    Ok(listeners)
}

/// A warning for an address that is reachable from other machines, or None for loopback.
pub fn exposure_warning(addr: SocketAddrV4) -> Option<String> {
    let ip = *addr.ip();
    if ip.is_loopback() {
        return None;
    }
    let reach = if ip.is_unspecified() {
        "every network interface of this machine".to_string()
    } else {
        format!("{ip}, which is not a loopback address")
    };
    Some(format!(
        "epoll-echo: warning: listening on {addr} accepts connections on {reach}: anyone who \
         can reach it can use this echo server. Use --addr 127.0.0.1:{} to stay local.",
        addr.port()
    ))
}

/// A listening TCP socket found in `/proc/net/tcp{,6}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcListener {
    /// The IPv4 address it is bound to; `None` for an IPv6 address that is neither the
    /// wildcard nor IPv4-mapped (it cannot take our IPv4 connections).
    pub ip: Option<Ipv4Addr>,
    pub port: u16,
    pub inode: u64,
}

/// Refuses if a listener not in `ours` is bound to `addr`'s port on an address that overlaps
/// `addr` (the same address, or either side is the wildcard).
fn refuse_if_served(addr: SocketAddrV4, ours: &[u64]) -> io::Result<()> {
    let foreign: Vec<ProcListener> = proc_listeners()
        .into_iter()
        .filter(|l| l.port == addr.port() && !ours.contains(&l.inode))
        .filter(|l| match l.ip {
            Some(ip) => ip == *addr.ip() || ip.is_unspecified() || addr.ip().is_unspecified(),
            None => false,
        })
        .collect();
    let Some(first) = foreign.first() else {
        return Ok(());
    };
    let who = match owner_of_socket(first.inode) {
        Some((pid, name)) => format!("another process ({name}, pid {pid})"),
        None => "another process".to_string(),
    };
    let bound = first
        .ip
        .map_or_else(|| addr.ip().to_string(), |ip| ip.to_string());
    Err(io::Error::new(
        io::ErrorKind::AddrInUse,
        format!(
            "{addr} is already served by {who}, listening on {bound}:{}. With SO_REUSEPORT the \
             kernel would split new connections between the two servers, so this one refuses \
             to start. Stop the other server or choose another --addr; pass \
             --reuse-port-shared to share the port on purpose.",
            first.port
        ),
    ))
}

fn explain_bind_error(addr: SocketAddrV4, e: io::Error) -> io::Error {
    if e.kind() != io::ErrorKind::AddrInUse {
        return e;
    }
    io::Error::new(
        io::ErrorKind::AddrInUse,
        format!(
            "{addr} is already in use by another socket ({e}); stop the other server or choose \
             another --addr"
        ),
    )
}

/// Every TCP socket in the LISTEN state in this network namespace.
pub fn proc_listeners() -> Vec<ProcListener> {
    let mut out = Vec::new();
    for (path, v6) in [("/proc/net/tcp", false), ("/proc/net/tcp6", true)] {
        if let Ok(text) = std::fs::read_to_string(path) {
            out.extend(
                text.lines()
                    .skip(1)
                    .filter_map(|l| parse_proc_tcp_line(l, v6)),
            );
        }
    }
    out
}

/// Parses one line of `/proc/net/tcp` (or `tcp6`), keeping only listening sockets. Addresses
/// are the kernel's 32-bit words printed in host byte order.
fn parse_proc_tcp_line(line: &str, v6: bool) -> Option<ProcListener> {
    const TCP_LISTEN: &str = "0A";
    let fields: Vec<&str> = line.split_whitespace().collect();
    if fields.len() < 10 || fields[3] != TCP_LISTEN {
        return None;
    }
    let (ip_hex, port_hex) = fields[1].split_once(':')?;
    let port = u16::from_str_radix(port_hex, 16).ok()?;
    let inode = fields[9].parse().ok()?;
    let words: Vec<[u8; 4]> = (0..ip_hex.len() / 8)
        .map(|i| u32::from_str_radix(&ip_hex[i * 8..i * 8 + 8], 16).map(|w| w.to_ne_bytes()))
        .collect::<Result<_, _>>()
        .ok()?;
    let ip = if v6 {
        let bytes: Vec<u8> = words.concat();
        if bytes.len() != 16 {
            return None;
        }
        if bytes.iter().all(|&b| b == 0) {
            Some(Ipv4Addr::UNSPECIFIED)
        } else if bytes[..10].iter().all(|&b| b == 0) && bytes[10] == 0xff && bytes[11] == 0xff {
            Some(Ipv4Addr::new(bytes[12], bytes[13], bytes[14], bytes[15]))
        } else {
            None
        }
    } else {
        let [w] = words.as_slice() else { return None };
        Some(Ipv4Addr::from(*w))
    };
    Some(ProcListener { ip, port, inode })
}

/// The pid and command name of a process holding socket `inode`, found by scanning
/// `/proc/*/fd`. Best effort: only processes we may inspect are seen.
fn owner_of_socket(inode: u64) -> Option<(u32, String)> {
    let target = format!("socket:[{inode}]");
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(fds) = std::fs::read_dir(entry.path().join("fd")) else {
            continue;
        };
        let holds = fds.flatten().any(|fd| {
            std::fs::read_link(fd.path()).is_ok_and(|l| l.as_os_str() == target.as_str())
        });
        if holds {
            let name = std::fs::read_to_string(entry.path().join("comm"))
                .map(|n| n.trim().to_string())
                .unwrap_or_else(|_| "unknown".into());
            return Some((pid, name));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_lines_parse_in_host_byte_order() {
        let v4 = "   1: 0100007F:0915 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0";
        assert_eq!(
            parse_proc_tcp_line(v4, false),
            Some(ProcListener {
                ip: Some(Ipv4Addr::LOCALHOST),
                port: 2325,
                inode: 4242
            })
        );
        let established = v4.replace(" 0A ", " 01 ");
        assert_eq!(parse_proc_tcp_line(&established, false), None);
        let any6 = "   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 77 1 0000000000000000 100 0 0 10 0";
        assert_eq!(
            parse_proc_tcp_line(any6, true).map(|l| (l.ip, l.port)),
            Some((Some(Ipv4Addr::UNSPECIFIED), 8080))
        );
        let mapped = "   0: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 78 1 0000000000000000 100 0 0 10 0";
        assert_eq!(
            parse_proc_tcp_line(mapped, true).and_then(|l| l.ip),
            Some(Ipv4Addr::LOCALHOST)
        );
        let loop6 = "   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 79 1 0000000000000000 100 0 0 10 0";
        assert_eq!(parse_proc_tcp_line(loop6, true).map(|l| l.ip), Some(None));
    }

    #[test]
    fn only_non_loopback_addresses_warn() {
        let at = |ip: [u8; 4]| SocketAddrV4::new(Ipv4Addr::from(ip), 2333);
        assert_eq!(exposure_warning(at([127, 0, 0, 1])), None);
        assert_eq!(exposure_warning(at([127, 9, 9, 9])), None);
        let all = exposure_warning(at([0, 0, 0, 0])).expect("0.0.0.0 warns");
        assert!(all.contains("every network interface"), "{all}");
        assert!(all.contains("--addr 127.0.0.1:2333"), "{all}");
        let lan = exposure_warning(at([192, 168, 1, 5])).expect("a LAN address warns");
        assert!(lan.contains("not a loopback address"), "{lan}");
    }

    #[test]
    fn a_port_we_listen_on_is_seen_as_served() {
        let l =
            sys::tcp_listen(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0), true, 16).expect("listen");
        let addr = sys::local_addr(l.as_raw_fd()).expect("local addr");
        let inode = sys::fd_inode(l.as_raw_fd()).expect("inode");
        assert!(proc_listeners()
            .iter()
            .any(|p| p.inode == inode && p.port == addr.port()));
        // Seen from another server, our listener is foreign; from ourselves it is not.
        let e = refuse_if_served(addr, &[]).expect_err("a foreign listener refuses");
        assert_eq!(e.kind(), io::ErrorKind::AddrInUse);
        assert!(e.to_string().contains("--reuse-port-shared"), "{e}");
        assert!(
            e.to_string()
                .contains(&format!("pid {}", std::process::id())),
            "{e}"
        );
        refuse_if_served(addr, &[inode]).expect("our own listener is fine");
    }
}
