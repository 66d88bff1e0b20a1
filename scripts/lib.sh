# Shared set-up for scripts/serve.sh and scripts/test.sh (sourced, not run).
#
# Installs whatever is missing, idempotently: a tool already present at the
# right version is left alone, so a second run costs seconds. Needs only
# Debian 12 with Rust installed through rustup; everything else comes from the
# package registries (crates.io, npm, Debian).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"

export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Trunk must not look for updates (no network beyond the registries) ...
export TRUNK_SKIP_VERSION_CHECK=true
# ... and finds wasm-opt (npm binaryen) and wasm-bindgen on PATH instead of downloading them.

# Panic locations in the wasm name their source files; without this, those of
# crates.io dependencies carry this machine's cargo home (an absolute path)
# into the shipped file.
if [ -z "${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-}" ]; then
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/="
fi

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs apt-get as root, through sudo when needed.
apt_install() {
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to apt-get install $*"
    sudo=(sudo)
  fi
  log "apt-get install $*"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@"
}

# The exact wasm-bindgen version the app links against (the CLI must match).
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_rust() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first (https://rustup.rs)"
  command -v cc >/dev/null || apt_install build-essential
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    log "cargo install trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi
  local wbg
  wbg="$(wasm_bindgen_version)"
  [ -n "$wbg" ] || die "no wasm-bindgen entry in Cargo.lock"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ] \
    || ! command -v wasm-bindgen-test-runner >/dev/null; then
    # Not --locked: the CLI's own lock file pins a crate the registry no longer serves.
    log "cargo install wasm-bindgen-cli $wbg (about 4 minutes)"
    cargo install wasm-bindgen-cli --version "$wbg"
  fi
}

ensure_node_packages() {
  command -v npm >/dev/null || apt_install nodejs npm
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  # playwright-core (package.json "engines") needs Node 20; Debian 12's own nodejs is 18.
  [ "$major" -ge 20 ] || die "Node.js 20 or newer is required (found $(node --version 2>/dev/null || echo none))"
  # `npm ls` fails when anything in package-lock.json is missing or at another version.
  if ! npm ls --depth=0 >/dev/null 2>&1; then
    log "npm ci (binaryen's wasm-opt, playwright-core)"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
  fi
  # A small CJK font, so the Chinese UI in the screenshots is legible (1.6 MB).
  if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    apt_install fonts-wqy-microhei
  fi
}

# Free space (MiB) on the filesystem that holds target/.
free_mib() {
  mkdir -p "$ROOT/target"
  df -Pm "$ROOT/target" | awk 'NR == 2 { print $4 }'
}

# A full disk does not fail cleanly: the linker dies with SIGBUS half-way
# through a test binary. Say so up front, in words, when space is short.
check_disk() {
  local need_mib="$1" free
  free="$(free_mib)"
  if [ "$free" -lt "$need_mib" ]; then
    printf '\033[1;33mwarning:\033[0m only %s MiB free for target/; a clean run writes about %s MiB there, so it may fail with a linker "Bus error"\n' "$free" "$need_mib" >&2
  else
    log "disk: $free MiB free for target/ (a clean run writes about $need_mib MiB)"
  fi
}
