"""What a user waits for (issue 24), as ratios measured in one run.

- ``fmt --check`` of a file never formatted (the generated debate written with its keys
  sorted and its lines wrapped at 60: every element differs from the canonical form),
  against ``check`` of the same file, both as commands, at 1,000 and 10,000 arguments.
  Target: within 3x at every size.
- The HTML brief of each example against the SVG of its map, as commands. Target: the
  brief within 1.5x its map.
- A paginated A4 PDF of generated maps against one ``dot -Tsvg`` of the whole map (the
  floor: one layout), and how many times ``dot`` was started. Target: 5x at 1,000.
- ``argmap check`` of a small file against ``python -c "import pydantic, typer"``.
  Target: 2x.

    .venv/bin/python -m bench.bench_wait [--repeat N] [--only fmt,brief,pdf,start]
"""

from __future__ import annotations

import argparse
import os
import stat
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

import yaml

from bench.generate import write
from bench.timing import median, paired

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("hikvision-2019", "school-phones", "uk-5g-huawei-2020")

SIZES = (1_000, 10_000)

_AS_A_USER: dict[str, str] = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""The commands' environment: as a user's, where Python keeps the modules it compiles
(a shell with PYTHONDONTWRITEBYTECODE set compiled every module without a cached one at
every run: 25 ms of a brief's, measured before 2026-12-04 evening)."""


def unformatted(n: int, folder: Path) -> Path:
    """A generated debate of ``n`` arguments as no one formatted it."""
    data = yaml.safe_load(write(n, folder / f"g{n}.yaml").read_text(encoding="utf-8"))
    path = folder / f"u{n}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=True, width=60), encoding="utf-8")
    return path


def fmt_check(repeat: int) -> None:
    print(f"{'arguments':>9} {'check':>8} {'fmt --check':>12} {'ratio':>6}")
    run = partial(subprocess.run, capture_output=True, check=False, env=_AS_A_USER)
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            path = str(unformatted(n, Path(tmp)))
            base = [sys.executable, "-m", "argmap"]
            checking = median(partial(run, [*base, "check", path]), repeat)
            formatting = median(partial(run, [*base, "fmt", "--check", path]), repeat)
            print(f"{n:>9,} {checking:>7.2f}s {formatting:>11.2f}s {formatting / checking:>5.2f}x")


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "argmap", *args]


def brief_vs_map(repeat: int) -> None:
    print(f"{'example':>20} {'map (SVG)':>10} {'brief (HTML)':>13} {'ratio':>6}")
    run = partial(subprocess.run, capture_output=True, check=False, env=_AS_A_USER)
    with tempfile.TemporaryDirectory() as tmp:
        for stem in EXAMPLES:
            path = str(ROOT / "debates" / f"{stem}.yaml")
            drawing, brief, ratio = paired(
                partial(run, _command("render", path, "-o", f"{tmp}/m.svg")),
                partial(run, _command("brief", path, "-o", f"{tmp}/b.html")),
                repeat,
            )
            print(f"{stem:>20} {drawing:>9.2f}s {brief:>12.2f}s {ratio:>5.2f}x")


def _counting_dot(folder: Path) -> Path:
    """A ``dot`` first on PATH that notes each start, then is the real one."""
    real = subprocess.run(["sh", "-c", "command -v dot"], capture_output=True, text=True)
    log = folder / "starts"
    dot = folder / "dot"
    dot.write_text(f'#!/bin/sh\necho >> "{log}"\nexec {real.stdout.strip()} "$@"\n')
    dot.chmod(dot.stat().st_mode | stat.S_IEXEC)
    return log


def pdf_pages(repeat: int) -> None:
    print(f"{'arguments':>9} {'one dot':>8} {'PDF':>7} {'ratio':>7} {'dot started':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bin_dir = folder / "bin"
        bin_dir.mkdir()
        log = _counting_dot(bin_dir)
        env = {**_AS_A_USER, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
        run = partial(subprocess.run, capture_output=True, check=False, env=env)
        for n in (100, 1_000):
            path = str(write(n, folder / f"g{n}.yaml"))
            dot_text = subprocess.run(
                _command("render", path, "-f", "dot"), capture_output=True, check=True
            ).stdout
            layout = median(
                partial(run, ["dot", "-Tsvg", "-o", os.devnull], input=dot_text), repeat
            )
            log.write_text("")
            pdf = median(partial(run, _command("render", path, "-o", f"{tmp}/m.pdf")), repeat)
            starts = len(log.read_text().splitlines())
            print(
                f"{n:>9,} {layout:>7.2f}s {pdf:>6.2f}s {pdf / layout:>6.1f}x {starts // repeat:>12}"
            )


def startup(repeat: int) -> None:
    run = partial(subprocess.run, capture_output=True, check=False, env=_AS_A_USER)
    small = str(ROOT / "tests" / "zoo" / "valid-base.yaml")
    floor, checking, ratio = paired(
        partial(run, [sys.executable, "-c", "import pydantic, typer"]),
        partial(run, _command("check", small)),
        repeat,
    )
    print(f"import pydantic, typer: {floor:.3f}s; argmap check (small file): {checking:.3f}s")
    print(f"ratio: {ratio:.2f}x (the median of each turn's)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--only", default="fmt,brief,pdf,start", help="which, comma-separated")
    args = parser.parse_args()
    jobs = {"fmt": fmt_check, "brief": brief_vs_map, "pdf": pdf_pages, "start": startup}
    for name in args.only.split(","):
        jobs[name](args.repeat)


if __name__ == "__main__":
    main()
