//! tokio-echo: the idiomatic tokio echo server (one spawned task per connection, a 1024-byte
//! buffer inside the task), the async-runtime baseline for epoll-echo's comparison. Bench-only:
//! it is not a workspace member and nothing else depends on it.

use std::io::Write;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn main() -> std::io::Result<()> {
    let mut addr = String::from("127.0.0.1:2335");
    let mut threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    // "multi" (tokio's default, work-stealing workers) or "current" (one thread, no stealing).
    let mut flavor = String::from("multi");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match (a.as_str(), args.next()) {
            ("--addr", Some(v)) => addr = v,
            ("--threads", Some(v)) => threads = v.parse().unwrap_or(threads),
            ("--flavor", Some(v)) if v == "multi" || v == "current" => flavor = v,
            _ => {
                eprintln!("usage: tokio-echo [--addr IP:PORT] [--threads N] [--flavor multi|current]");
                std::process::exit(2);
            }
        }
    }
    let rt = if flavor == "current" {
        threads = 1;
        tokio::runtime::Builder::new_current_thread().enable_io().build()?
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads.max(1))
            .enable_io()
            .build()?
    };
    rt.block_on(async move {
        let listener = TcpListener::bind(&addr).await?;
        println!(
            "tokio-echo listening on {} ({flavor} runtime, {} worker(s), pid {})",
            listener.local_addr()?,
            threads,
            std::process::id()
        );
        std::io::stdout().flush()?;
        loop {
            let (mut sock, _) = match listener.accept().await {
                Ok(c) => c,
                Err(_) => continue,
            };
            // Like Go, disable Nagle on every connection.
            let _ = sock.set_nodelay(true);
            tokio::spawn(async move {
                let mut buf = [0u8; 1024];
                loop {
                    let n = match sock.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => n,
                    };
                    if sock.write_all(&buf[..n]).await.is_err() {
                        return;
                    }
                }
            });
        }
    })
}
