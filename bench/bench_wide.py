"""Wide elements, timed (issue 21): an inference with N premises (Argdown and AIF) and an
argument with N tags, each imported and written in every format; at N and 2N, so that
the ratio shows whether the work grows linearly (about 2) or with the square (about 4).

    .venv/bin/python -m bench.bench_wide [--premises 4000] [--tags 50000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import argmap
from argmap.api import converted
from argmap.exporters.dot import export_dot
from argmap.io.formats import EXPORTERS
from bench.generate import tagged_argdown, wide_aif, wide_argdown


def _timed(make: Callable[[int], str], suffix: str, n: int, folder: Path) -> tuple[float, float]:
    """Seconds to import (load and check), and to write every format."""
    source = folder / f"wide-{n}{suffix}"
    source.write_text(make(n), encoding="utf-8")
    start = time.perf_counter()
    debate = argmap.load(source)
    argmap.check(debate)
    loaded = time.perf_counter()
    for fmt in ("yaml", "json", *EXPORTERS):
        converted(source, fmt)
    export_dot(debate)
    return loaded - start, time.perf_counter() - loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--premises", type=int, default=4000)
    parser.add_argument("--tags", type=int, default=50_000)
    args = parser.parse_args()
    cases = [
        ("Argdown inference", wide_argdown, ".argdown", args.premises),
        ("AIF inference", wide_aif, ".json", args.premises),
        ("Argdown tags", tagged_argdown, ".argdown", args.tags),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for name, make, suffix, n in cases:
            one = _timed(make, suffix, n, Path(tmp))
            two = _timed(make, suffix, 2 * n, Path(tmp))
            print(
                f"{name:18} N={n:>6,}: import {one[0]:6.2f} s, every export {one[1]:6.2f} s; "
                f"2N: {two[0]:6.2f} s, {two[1]:6.2f} s (ratios {two[0] / one[0]:.1f}, "
                f"{two[1] / one[1]:.1f})"
            )


if __name__ == "__main__":
    main()
