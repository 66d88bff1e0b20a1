#!/usr/bin/env bash
# Copies the seed corpus for every fuzz target into corpus/<target>/: the
# recorded conformance programs (crates/gosim/tests/corpus/*.go) and every
# case's program and fixes (cases/*.toml, `source = '''...'''`). corpus/ is
# libFuzzer's working directory and is not committed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
for target in check run explore; do
  mkdir -p "$here/corpus/$target"
  cp "$root"/crates/gosim/tests/corpus/*.go "$here/corpus/$target/"
  python3 - "$root/cases" "$here/corpus/$target" <<'PY'
import pathlib, sys, tomllib

cases, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
n = 0
for f in sorted(cases.glob("*.toml")):
    doc = tomllib.loads(f.read_text())
    sources = [doc.get("source")] + [fix.get("source") for fix in doc.get("fixes", [])]
    for i, src in enumerate(s for s in sources if s):
        (out / f"case-{f.stem}-{i}.go").write_text(src)
        n += 1
print(f"{out}: {n} case programs")
PY
done
