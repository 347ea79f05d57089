"""How long the command takes to start: ``argmap --version`` and ``argmap check`` of a small
file, beside a bare ``python -c pass`` of the same interpreter, as medians of many runs.

Targets (issue 10): ``--version`` within 3x and ``check`` of a small file within 4x the
bare interpreter; ``import argmap`` alone stays cheap.

    .venv/bin/python -m bench.bench_startup [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from bench.timing import median

ROOT = Path(__file__).resolve().parent.parent


def _run(command: list[str]) -> None:
    subprocess.run(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21, help="runs per measurement (median)")
    args = parser.parse_args()
    script = shutil.which("argmap", path=str(Path(sys.executable).parent)) or "argmap"
    small = str(ROOT / "tests" / "zoo" / "valid-base.yaml")
    rows = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("python -c 'import argmap'", [sys.executable, "-c", "import argmap"]),
        ("argmap --version", [script, "--version"]),
        ("argmap check (small file)", [script, "check", small]),
        (
            "argmap analyse (example)",
            [script, "analyse", str(ROOT / "debates" / "hikvision-2019.yaml")],
        ),
    ]
    bare = None
    for name, command in rows:
        _run(command)  # warm the file cache
        seconds = median(lambda c=command: _run(c), args.repeat)  # type: ignore[misc]
        bare = bare or seconds
        print(f"{name:<28} {seconds * 1000:7.1f} ms  {seconds / bare:5.1f}x")


if __name__ == "__main__":
    main()
