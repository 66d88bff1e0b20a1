#!/usr/bin/env bash
# Records the trace the site replays without the companion: the real server (release build,
# two event loops) under the bench's closed-loop load, written by --trace-file, to
# static/netpoll-trace.jsonl. The file keeps hello, every accept/epoll_ctl/close (so a replay
# always knows which descriptors exist), the first MAX_EVENTS per-message events (epoll_wait
# with its ready batch, read/write results, park on rg/wg, ready), a drops and a stats line
# every second, and the summary last.
#
# Run by hand from anywhere:  bash crates/epoll-echo/bench/record-trace.sh
# Knobs (environment): CONNS=20 DURATION=3 THREADS=2 MAX_EVENTS=2500 PORT=2399
#                      OUT=static/netpoll-trace.jsonl
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
CONNS="${CONNS:-20}"
DURATION="${DURATION:-3}"
THREADS="${THREADS:-2}"
MAX_EVENTS="${MAX_EVENTS:-2500}"
PORT="${PORT:-2399}"
OUT="${OUT:-$ROOT/static/netpoll-trace.jsonl}"

cd "$ROOT"
cargo build --release --quiet -p epoll-echo
BIN="$ROOT/target/release/epoll-echo"

"$BIN" serve --addr "127.0.0.1:$PORT" --threads "$THREADS" \
  --trace-file "$OUT" --trace-file-max "$MAX_EVENTS" >"$OUT.server.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; rm -f "$OUT.server.log"' EXIT
# The server prints its listening line once the port is bound; wait for it (bounded).
for _ in $(seq 1 100); do
  grep -q "listening on" "$OUT.server.log" 2>/dev/null && break
  sleep 0.1
done
grep -q "listening on" "$OUT.server.log" || { echo "the server did not start" >&2; exit 1; }

"$BIN" bench --addr "127.0.0.1:$PORT" --conns "$CONNS" --duration "$DURATION" --warmup 0.5 \
  --server-pid "$SERVER"
kill -TERM "$SERVER"
wait "$SERVER"
tail -n 1 "$OUT.server.log"
echo "wrote $OUT: $(wc -l <"$OUT") lines, $(wc -c <"$OUT") bytes"
