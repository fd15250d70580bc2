"""Shrink a failing scenario to a small one that still fails the same way.

A fuzz mutant that crashes airlift is a few kilobytes of a shipped scenario with comments
stripped and one value changed; the bug report wants the few lines that matter. This is a
greedy delta debugger over the parsed YAML: it drops mapping keys and list items (largest
first), shortens lists to their first item or either half and cuts long text, keeping each
change only if ``airlift COMMAND FILE ARGS...`` still prints the *signature* (a piece of its
output, such as the error's first words). Files beside the scenario (leg files) are copied with it.

    python -m tests.fuzz.reducer s3-i259.yaml --signature "fails its re-check" -o small.yaml
    python -m tests.fuzz.reducer f.yaml --signature "internal error" --command check

Each try is a fresh ``python -m airlift`` process (a second or so), so a scenario reduces in
a few minutes. The result is written as plain YAML: a reproducer, not a tidy scenario.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from .mutator import ROOT, load_tree

__all__ = ["main", "reduce_tree", "still_fails"]


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def still_fails(
    text: str, folder: Path, name: str, command: str, args: list[str], signature: str
) -> bool:
    """Whether airlift, run on ``text`` written as ``folder/name``, prints ``signature``."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    argv = [sys.executable, "-m", "airlift", command, str(path), *args]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return signature == "TIMEOUT"
    return signature in done.stdout + done.stderr


def _edits(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every place to try a smaller value, parents before children: (path, kind)."""
    if isinstance(node, dict):
        for key in list(node):
            yield (*path, key), "drop"
        for key, value in node.items():
            yield from _edits(value, (*path, key))
    elif isinstance(node, list):
        if len(node) > 1:
            yield path, "first"
        if len(node) > 3:  # halves first: 3,000 flight groups need not be tried one by one
            yield path, "head"
            yield path, "tail"
        for i in reversed(range(len(node))):
            yield (*path, i), "drop"
        for i, value in enumerate(node):
            yield from _edits(value, (*path, i))
    elif isinstance(node, str) and len(node) > 40:
        yield path, "cut"


def _apply(data: Any, path: tuple[Any, ...], kind: str) -> Any:
    """A copy of ``data`` with one edit made, or None when the path is gone."""
    out = copy.deepcopy(data)
    parent: Any = out
    try:
        for part in path[:-1]:
            parent = parent[part]
        if kind == "drop":
            del parent[path[-1]]
        elif kind in ("first", "head", "tail"):
            target = parent[path[-1]] if path else out
            half = len(target) // 2
            if kind == "first":
                del target[1:]
            elif kind == "head":
                del target[half:]
            else:
                del target[:half]
        else:
            parent[path[-1]] = parent[path[-1]][:20]
    except (KeyError, IndexError, TypeError):
        return None
    return out


def reduce_tree(data: Any, fails: Callable[[Any], bool], log: Callable[[str], None]) -> Any:
    """Greedily make ``data`` smaller while ``fails(data)`` holds, until no edit helps."""
    changed = True
    while changed:
        changed = False
        for path, kind in list(_edits(data)):
            smaller = _apply(data, path, kind)
            if smaller is None or smaller == data:
                continue
            if fails(smaller):
                data, changed = smaller, True
                log(f"  kept: {kind} {'.'.join(map(str, path)) or '<root>'}")
    return data


def main(argv: list[str] | None = None) -> int:
    """Reduce one file; write the result and say how much smaller it is."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("file", type=Path)
    parser.add_argument("--signature", required=True, help="text the failing output contains")
    parser.add_argument("--command", default="solve", help="airlift command (default: solve)")
    parser.add_argument("--args", default="--time-limit 1", help="its options, one string")
    parser.add_argument("-o", "--out", type=Path, required=True)
    args = parser.parse_args(argv)
    text = args.file.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="airlift-reduce-") as scratch:
        folder = Path(scratch)
        for other in args.file.parent.iterdir():
            if other.is_file() and other.suffix == ".csv":
                shutil.copy(other, folder / other.name)
        options = args.args.split()
        name = args.file.name

        def fails(data: Any) -> bool:
            return still_fails(_dump(data), folder, name, args.command, options, args.signature)

        if not still_fails(text, folder, name, args.command, options, args.signature):
            print(f"{args.file} does not print {args.signature!r}", file=sys.stderr)
            return 1
        small = reduce_tree(load_tree(text), fails, lambda line: print(line, file=sys.stderr))
    args.out.write_text(_dump(small), encoding="utf-8")
    print(f"wrote {args.out}: {len(_dump(small)):,} bytes from {len(text):,}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
