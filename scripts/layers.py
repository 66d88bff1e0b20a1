#!/usr/bin/env python3
"""The import picture of the workspace's crates, room by room.

A room is a top-level module of a crate (`crates/gosim/src/vm/`, `src/playground/`,
`crates/gosim/src/schedule.rs`); the crate root (`lib.rs`) is the room `crate`.
An arrow A -> B means some non-test code in room A names `crate::B` (a `use` or an
inline path); naming an item re-exported at the root counts as an arrow to `crate`.

Prints each crate's rooms in floors (a room's floor is one above the highest room
it imports), the arrows, and every circle (rooms that import each other, directly
or through others). Exits 1 when a crate has a circle or a room other than the
root imports the root, so `scripts/test.sh` can keep the layering true.

Usage: python3 scripts/layers.py [--quiet]
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRATES = {
    "gosim": "crates/gosim/src",
    "gopitfalls": "src",
}
PATH_RE = re.compile(r"\bcrate::(\{[^;]*?\}|[A-Za-z_][A-Za-z0-9_]*)", re.S)


def rooms_of(src_dir):
    """Room name -> list of files (non-test code only)."""
    rooms = {}
    for name in sorted(os.listdir(src_dir)):
        path = os.path.join(src_dir, name)
        if name in ("lib.rs", "main.rs"):
            rooms.setdefault("crate", []).append(path)
        elif name == "bin":
            continue
        elif name.endswith(".rs"):
            rooms.setdefault(name[:-3], []).append(path)
        elif os.path.isdir(path):
            for dirpath, _, files in os.walk(path):
                for f in sorted(files):
                    if f.endswith(".rs"):
                        rooms.setdefault(name, []).append(os.path.join(dirpath, f))
    return rooms


def code_without_tests(text):
    """The file up to its `#[cfg(test)]` module (tests sit at the end), without comments."""
    cut = text.find("#[cfg(test)]")
    if cut >= 0:
        text = text[:cut]
    text = re.sub(r"//[^\n]*", "", text)
    return text


def first_segments(group):
    """`{a::b, c, d::{e}}` -> [a, c, d]; `x` -> [x]."""
    if not group.startswith("{"):
        return [group]
    inner = group[1:-1]
    out, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    names = []
    for part in out:
        m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)", part)
        if m:
            names.append(m.group(1))
    return names


def arrows(rooms):
    edges = set()
    for room, files in rooms.items():
        for f in files:
            with open(f, encoding="utf-8") as fh:
                text = code_without_tests(fh.read())
            for m in PATH_RE.finditer(text):
                for seg in first_segments(m.group(1)):
                    target = seg if seg in rooms else "crate"
                    if seg == "self":
                        continue
                    if target != room:
                        edges.add((room, target))
    return edges


def circles(rooms, edges):
    """Strongly connected components with more than one room (Tarjan)."""
    graph = {r: sorted(b for a, b in edges if a == r) for r in rooms}
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def floors(rooms, edges):
    floor = {r: 0 for r in rooms}
    for _ in range(len(rooms)):
        for a, b in edges:
            if a != "crate" and floor[a] <= floor[b]:
                floor[a] = floor[b] + 1
    floor["crate"] = max(floor.values()) + 1 if floor else 0
    return floor


def main():
    quiet = "--quiet" in sys.argv
    bad = False
    for crate, rel in CRATES.items():
        rooms = rooms_of(os.path.join(ROOT, rel))
        edges = arrows(rooms)
        circ = circles(rooms, edges)
        up = sorted(a for a, b in edges if b == "crate" and a != "crate")
        if not quiet:
            fl = floors(rooms, edges) if not circ else {r: 0 for r in rooms}
            print(f"{crate}: {len(rooms)} rooms, {len(edges)} arrows, "
                  f"{len(circ)} circles, {len(up)} arrows up to the root")
            for level in sorted(set(fl.values())):
                names = sorted(r for r in rooms if fl[r] == level)
                print(f"  floor {level}: {' '.join(names)}")
        for c in circ:
            print(f"  circle in {crate}: {' <-> '.join(c)}")
            bad = True
        for a in up:
            print(f"  arrow up in {crate}: {a} -> crate root (import it from its own module)")
            bad = True
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
