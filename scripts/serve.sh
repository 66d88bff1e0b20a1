#!/usr/bin/env bash
# Builds the web app and serves it on http://127.0.0.1:8080, rebuilding on change.
# Installs missing tools first (see scripts/lib.sh). Extra arguments go to
# `trunk serve`, e.g. `scripts/serve.sh --release` for the size-optimised build.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_rust
ensure_node_packages

log "building and serving at http://127.0.0.1:8080/ (Ctrl-C to stop)"
exec trunk serve "$@"
