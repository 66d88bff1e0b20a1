//! The `epoll-echo` binary: parses arguments and hands over to the library. It owns the
//! process-wide choices (raising RLIMIT_NOFILE, exit codes, where output goes) and nothing else.

#[cfg(not(target_os = "linux"))]
fn main() {
    eprintln!("epoll-echo runs on Linux only (it is built on epoll)");
    std::process::exit(1);
}

#[cfg(target_os = "linux")]
use epoll_echo::bench;
#[cfg(target_os = "linux")]
use epoll_echo::cli::ViewerOptions;
#[cfg(target_os = "linux")]
use epoll_echo::cli::{self, Command};
#[cfg(target_os = "linux")]
use epoll_echo::listen::exposure_warning;
#[cfg(target_os = "linux")]
use epoll_echo::server::{BoundServer, ServerConfig};
#[cfg(target_os = "linux")]
use epoll_echo::sys;
#[cfg(target_os = "linux")]
use epoll_echo::viewer::{HubConfig, TraceHub};
#[cfg(target_os = "linux")]
use std::process::ExitCode;

#[cfg(target_os = "linux")]
fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let cmd = match cli::parse(&argv) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("epoll-echo: {msg}\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    match cmd {
        Command::Help => {
            println!("{}", cli::USAGE);
            ExitCode::SUCCESS
        }
        Command::Serve(cfg, viewers) => serve(cfg, viewers),
        Command::PingPong(cfg) => match bench::run_pingpong(&cfg) {
            Ok(r) => {
                println!("{r}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("epoll-echo bench: {e}");
                ExitCode::FAILURE
            }
        },
        Command::Idle(cfg) => match bench::run_idle(&cfg) {
            Ok(r) => {
                println!("{r}");
                if r.errors == 0 {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            }
            Err(e) => {
                eprintln!("epoll-echo bench --idle: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

/// `epoll-echo serve`: bind (signals blocked first), announce, run, summarize.
#[cfg(target_os = "linux")]
fn serve(cfg: ServerConfig, viewers: ViewerOptions) -> ExitCode {
    // Like Go's runtime: use every descriptor the hard limit allows.
    let _ = sys::raise_nofile_limit();
    let (mode, threads) = (cfg.mode, cfg.threads);
    // No thread may exist before this: `bind` blocks SIGINT/SIGTERM, and only threads started
    // afterwards inherit the mask.
    let mut bound = match BoundServer::bind(cfg) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("epoll-echo: cannot listen: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(w) = exposure_warning(bound.local_addr()) {
        eprintln!("{w}");
    }
    let mut hub = None;
    let mut ws_addr = None;
    if viewers.any() {
        let mut h = match TraceHub::new(HubConfig::new(threads), bound.fd_reserve()) {
            Ok(h) => h,
            Err(e) => {
                eprintln!("epoll-echo: cannot start the trace viewer: {e}");
                return ExitCode::FAILURE;
            }
        };
        if let Some(addr) = viewers.ws {
            match h.listen_ws(addr) {
                Ok(a) => ws_addr = Some(a),
                Err(e) => {
                    eprintln!("epoll-echo: cannot listen for trace viewers: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        if let Some(path) = &viewers.file {
            if let Err(e) = h.record_to_file(path, viewers.file_max_events) {
                eprintln!("epoll-echo: cannot record the trace: {e}");
                return ExitCode::FAILURE;
            }
        }
        bound.add_trace(h.sink());
        hub = Some(h);
    }
    println!(
        "epoll-echo listening on {} (mode {mode}, {threads} loop(s), pid {})",
        bound.local_addr(),
        std::process::id()
    );
    if let Some(a) = ws_addr {
        println!("epoll-echo trace viewer on ws://{a}");
    }
    let server = match bound.start() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("epoll-echo: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(h) = &mut hub {
        if let Err(e) = h.open(&server) {
            eprintln!("epoll-echo: cannot start the trace viewer: {e}");
        }
    }
    match server.wait() {
        Ok(mut summary) => {
            if let Some(h) = hub {
                h.finish(&mut summary);
            }
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("epoll-echo: event loop failed: {e}");
            ExitCode::FAILURE
        }
    }
}
