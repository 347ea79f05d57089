"""How long argmap takes to refuse hostile files: every case of the hostile zoo.

For each case in ``tests/hostile.py``: its size, the median time of ``argmap.check`` on
it (read, parse, validate, check), and the alias bomb at growing nesting. The target
(issue 9): each case well under a second, the alias bomb under 0.5 s whatever the
nesting. ``--fail`` exits 1 when a case misses the target.

    .venv/bin/python -m bench.bench_hostile [--repeat N] [--fail]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from functools import partial
from pathlib import Path

import argmap
from bench.timing import median
from tests.hostile import CASES

TARGET_SECONDS = 0.5


def _alias_bomb(levels: int) -> str:
    lines = ["argmap: 1", "id: zoo", "title: Laughs", "question: Q?", "l0: &a0 [lol, lol, lol]"]
    lines += [f"l{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines) + f"\npositions: *a{levels - 1}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--fail", action="store_true", help="exit 1 if a case misses the target")
    args = parser.parse_args()
    missed = []
    print(f"{'case':<28} {'size':>12} {'check':>9} {'analyse':>9}  diagnostics")
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            path = case.write(Path(tmp))
            seconds = median(partial(argmap.check, path), args.repeat)
            report = argmap.check(path)
            size = path.stat().st_size
            evaluated = "-"
            if not report.failed():  # what loads is also evaluated: cycles to settle
                debate = argmap.load(path)
                took = median(partial(argmap.analyse, debate), args.repeat)
                evaluated = f"{took * 1000:.1f}ms"
                seconds = max(seconds, took)
            print(
                f"{case.name:<28} {size:>12,} {seconds * 1000:>7.1f}ms {evaluated:>9}  "
                f"{len(report.diagnostics):,}"
            )
            if seconds > TARGET_SECONDS:
                missed.append(case.name)
    print()
    print(f"{'alias levels':<28} {'size':>12} {'check':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for levels in (10, 30, 100, 1000):
            bomb = Path(tmp) / f"bomb-{levels}.yaml"
            bomb.write_text(_alias_bomb(levels), encoding="utf-8")
            seconds = median(partial(argmap.check, bomb), args.repeat)
            print(f"{levels:<28} {bomb.stat().st_size:>12,} {seconds * 1000:>7.1f}ms")
        if seconds > TARGET_SECONDS:
            missed.append(f"alias bomb of {levels} levels")
    if missed:
        print(f"\nover {TARGET_SECONDS} s: {', '.join(missed)}")
        if args.fail:
            sys.exit(1)


if __name__ == "__main__":
    main()
