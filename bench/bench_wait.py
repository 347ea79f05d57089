"""What a user waits for (issue 24), as ratios measured in one run.

- ``fmt --check`` of a file never formatted (the generated debate written with its keys
  sorted and its lines wrapped at 60: every element differs from the canonical form),
  against ``check`` of the same file, both as commands, at 1,000 and 10,000 arguments.
  Target: within 3x at every size.

    .venv/bin/python -m bench.bench_wait [--repeat N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

import yaml

from bench.generate import write
from bench.timing import median

SIZES = (1_000, 10_000)


def unformatted(n: int, folder: Path) -> Path:
    """A generated debate of ``n`` arguments as no one formatted it."""
    data = yaml.safe_load(write(n, folder / f"g{n}.yaml").read_text(encoding="utf-8"))
    path = folder / f"u{n}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=True, width=60), encoding="utf-8")
    return path


def fmt_check(repeat: int) -> None:
    print(f"{'arguments':>9} {'check':>8} {'fmt --check':>12} {'ratio':>6}")
    run = partial(subprocess.run, capture_output=True, check=False)
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            path = str(unformatted(n, Path(tmp)))
            base = [sys.executable, "-m", "argmap"]
            checking = median(partial(run, [*base, "check", path]), repeat)
            formatting = median(partial(run, [*base, "fmt", "--check", path]), repeat)
            print(f"{n:>9,} {checking:>7.2f}s {formatting:>11.2f}s {formatting / checking:>5.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args()
    fmt_check(args.repeat)


if __name__ == "__main__":
    main()
