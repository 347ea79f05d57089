"""How fast argmap reads and checks debates, as ratios and medians on several sizes.

For 100, 1,000 and 10,000 arguments, in YAML and JSON: the median time of load + check
(``argmap.check(path)``), next to a bare parse of the same file by the C parsers
(``yaml.load(..., CSafeLoader)``, ``json.loads``). Then the wall time of the command
``argmap check debates/hikvision-2019.yaml``, start-up included.

Targets (issue 2): YAML load+check of 10,000 arguments within 2x the bare C parse; JSON
load+check of 10,000 arguments within 0.2 s; the command under 0.25 s wall.

    .venv/bin/python -m bench.bench_check [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

import yaml

import argmap
from bench.generate import write
from bench.timing import median

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1_000, 10_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement (median)")
    args = parser.parse_args()
    print(f"{'arguments':>9} {'format':>6} {'size':>9} {'load+check':>11} {'bare parse':>11} ratio")
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            for fmt in ("yaml", "json"):
                path = write(n, Path(tmp) / f"d{n}.{fmt}")
                text = path.read_text(encoding="utf-8")
                report = argmap.check(path)
                assert not report.failed(strict=True), report.format_text()[:2000]
                ours = median(partial(argmap.check, path), args.repeat)
                if fmt == "yaml":
                    bare = median(partial(yaml.load, text, Loader=yaml.CSafeLoader), args.repeat)
                else:
                    bare = median(partial(json.loads, text), args.repeat)
                size = f"{len(text.encode()) / 1024:,.0f} KiB"
                ms = f"{ours * 1000:>9.1f}ms {bare * 1000:>9.1f}ms"
                print(f"{n:>9,} {fmt:>6} {size:>9} {ms} {ours / bare:>5.2f}x")
    # as a user runs it: with compiled bytecode (an installed package has it; a warm-up
    # run writes it for a development checkout even where PYTHONDONTWRITEBYTECODE is set)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "argmap", "check", "debates/hikvision-2019.yaml"]
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True, env=env)
    wall = median(
        lambda: subprocess.run(command, cwd=ROOT, capture_output=True, check=True, env=env),
        max(args.repeat, 11),
    )
    startup = median(
        lambda: subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=True), 11
    )
    print(
        f"argmap check debates/hikvision-2019.yaml: {wall * 1000:.0f} ms wall "
        f"(median of {max(args.repeat, 11)}; a bare 'python -c pass' takes {startup * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
