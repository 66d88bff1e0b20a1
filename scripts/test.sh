#!/usr/bin/env bash
# Runs every check and test: rustfmt and clippy, native (cargo test
# --workspace, including the Yew SSR tests), wasm-bindgen tests in headless
# Chromium, a release build with its wasm size check, and the Playwright
# end-to-end tests against the built site.
# Installs missing tools first (see scripts/lib.sh). Stops at the first
# failing runner; prints each runner's summary and the time each step took.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LOGS="$ROOT/target/test-logs"
# What a clean run leaves in target/, measured on a fresh clone (README).
CLEAN_RUN_MIB=2000
mkdir -p "$LOGS"
STEPS=()
START_ALL=$SECONDS

# step NAME COMMAND...: runs COMMAND, tees its output to target/test-logs/NAME.log.
step() {
  local name="$1"
  shift
  local start=$SECONDS
  log "[$name] $*"
  if ! "$@" 2>&1 | tee "$LOGS/$name.log"; then
    STEPS+=("$(printf '%-10s FAILED after %4ss  (%s MiB free on disk)' "$name" $((SECONDS - start)) "$(free_mib)")")
    summary
    die "step '$name' failed (full log: target/test-logs/$name.log)"
  fi
  STEPS+=("$(printf '%-10s ok     %4ss  %s' "$name" $((SECONDS - start)) "$(runner_summary "$name")")")
}

# One line per runner: totals from cargo's "test result" lines or node's "# pass/# fail".
runner_summary() {
  local log="$LOGS/$1.log"
  if grep -q '^test result:' "$log"; then
    awk '/^test result:/ { p += $4; f += $6; n++ }
         END { printf "cargo test: %d passed, %d failed in %d test binaries", p, f, n }' "$log"
  elif grep -Eq '^(# |ℹ )pass ' "$log"; then
    awk '/^(# |ℹ )(tests|pass|fail|todo) / { printf "%s%s %s", sep, $2, $3; sep = ", " }
         END { printf " (node --test)" }' "$log"
  elif grep -q '^wasm size' "$log"; then
    # The page's wasm (the line without the compiler worker's).
    grep '^wasm size' "$log" | grep -v 'compiler worker' | tail -1
  elif grep -q '^lint clean' "$log"; then
    echo "rustfmt and clippy (native and wasm32): no warnings; no import circles"
  fi
}

summary() {
  echo
  log "summary"
  printf '  %s\n' "${STEPS[@]}"
  printf '  total      %4ss\n' $((SECONDS - START_ALL))
}

# CI builds once from scratch, so incremental caches would only take disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
check_disk "$CLEAN_RUN_MIB"

step setup bash -c "source scripts/lib.sh && ensure_rust && ensure_node_packages && ensure_chromium && echo 'tools ready'"

# Formatting, and clippy with warnings as errors: clippy.toml's ban on the
# standard sorts (each instantiation costs wasm size) holds only if clippy
# runs. The second clippy sees the wasm-only code (browser calls, tests/web.rs).
step lint bash -c "cargo fmt --all -- --check \
  && cargo clippy --workspace --all-targets -- -D warnings \
  && cargo clippy -p gopitfalls --target wasm32-unknown-unknown --all-targets -- -D warnings \
  && python3 scripts/layers.py --quiet \
  && echo 'lint clean'"

step native cargo test --workspace

# wasm-bindgen-test-runner drives Chromium through chromedriver (headless).
step wasm env \
  CHROMEDRIVER="$(command -v chromedriver)" \
  WASM_BINDGEN_TEST_TIMEOUT=120 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p gopitfalls --target wasm32-unknown-unknown --test web

step build trunk build --release

# The native server e2e/live.test.mjs starts (the native step built only the debug one).
step server cargo build --release -p epoll-echo

# End-to-end tests (Playwright + Chromium) and the gzipped-size budget.
step e2e node --test --test-reporter=spec e2e/

summary
