"""How argmap's work grows with the debate, and how much memory each command takes.

For 1,000 and 10,000 arguments (synthetic debates with 10 weighted stakeholders), the
median time of each piece of work in-process, the ratio from 1,000 to 10,000 and its
growth exponent (1.0 is linear), beside the bare parsers the readers are measured
against. Then the peak memory of each command, in a process of its own, as a multiple
of the input file's size.

Targets (issue 10): every ratio at most 12; JSON check within 4x ``json.loads``; YAML
check within 2.5x a walk over libyaml's events; ``analyse`` (the evaluation, without the
search for what would change the answer: see ``bench_sensitivity``) of 10,000 arguments with 10
weighted actors under 0.3 s; peak memory at most 50x the input.

    .venv/bin/python -m bench.bench_scale [--repeat N] [--no-memory]
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median
from typing import Any

import yaml

import argmap
from argmap.analysis import analyse
from argmap.briefing import _map_note
from argmap.diagrams import plan
from argmap.exporters.brief import export_html
from argmap.exporters.dot import export_dot
from argmap.exporters.options import DiagramOptions, Split
from bench.generate import write

SIZES = (1_000, 10_000)
ROOT = Path(__file__).resolve().parent.parent


def timed(setup: Callable[[], Any], work: Callable[[Any], object], repeat: int) -> float:
    """The median time of ``work(setup())``, each run on a fresh ``setup()`` (a debate
    loaded anew, so nothing derived from it is reused), with the cycle collector paused
    as argmap pauses it around its own work (it would otherwise rescan every object
    already allocated, a cost that grows with the heap, not with the work)."""
    times = []
    for _ in range(repeat):
        made = setup()
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            work(made)
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return median(times)


def _walk_events(text: str) -> None:
    loader = yaml.CSafeLoader(text)
    try:
        while loader.get_event() is not None:
            pass
    finally:
        loader.dispose()


def _split(debate: argmap.Debate) -> None:
    for drawing in plan(debate, DiagramOptions(), split=Split.POSITIONS):
        export_dot(debate, drawing.options)


def measure(folder: Path, repeat: int) -> dict[str, dict[int, float]]:
    rows: dict[str, dict[int, float]] = {}
    for n in SIZES:
        yml = write(n, folder / f"d{n}.yaml", weighted=10)
        jsn = write(n, folder / f"d{n}.json", weighted=10)
        text_y, text_j = yml.read_text(encoding="utf-8"), jsn.read_text(encoding="utf-8")

        def load(path: Path = yml) -> argmap.Debate:
            return argmap.load(path)

        def given(value: object) -> Callable[[], object]:
            return lambda: value

        work: dict[str, tuple[Callable[[], Any], Callable[[Any], object]]] = {
            "libyaml events (bare)": (given(text_y), _walk_events),
            "check YAML": (given(yml), argmap.check),
            "json.loads (bare)": (given(text_j), json.loads),
            "check JSON": (given(jsn), argmap.check),
            "analyse (10 weighted)": (load, lambda d: analyse(d, search=False)),
            "render DOT": (load, export_dot),
            "split DOT (all maps)": (load, _split),
            "brief HTML, no layout": (load, lambda d: export_html(d, None, map_note=_map_note(d))),
        }
        for name, (setup, job) in work.items():
            rows.setdefault(name, {})[n] = timed(setup, job, repeat)
    return rows


COMMANDS = {
    "check": ["check", "{in}"],
    "analyse": ["analyse", "{in}"],
    "render DOT": ["render", "{in}", "-o", "{out}/m.dot"],
    "render SVG": ["render", "{in}", "-o", "{out}/m.svg"],
    "render split DOT": ["render", "{in}", "-o", "{out}/s.dot", "--split", "positions"],
    "brief": ["brief", "{in}", "-o", "{out}/b.html"],
    "convert JSON": ["convert", "{in}", "{out}/c.json"],
    "convert AIF": ["convert", "{in}", "{out}/c.aif.json"],
}
_PEAK = (  # VmHWM, not ru_maxrss: that one keeps the parent's high-water mark across exec
    "import sys\n"
    "from argmap.__main__ import main\n"
    "sys.argv = ['argmap', *sys.argv[1:]]\n"
    "try:\n    main()\n"
    "except SystemExit:\n    pass\n"
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
    "print(int(hwm.split()[1]), file=sys.stderr)\n"
)


def memory(folder: Path) -> None:
    path = folder / "d10000.yaml"
    size = path.stat().st_size
    print(f"\npeak memory of argmap's own process, 10,000 arguments ({size / 2**20:.1f} MiB):")
    for name, args in COMMANDS.items():
        out = folder / f"out-{name.replace(' ', '-')}"
        out.mkdir(exist_ok=True)
        argv = [a.replace("{in}", str(path)).replace("{out}", str(out)) for a in args]
        done = subprocess.run(
            [sys.executable, "-c", _PEAK, *argv], capture_output=True, text=True, cwd=ROOT
        )
        peak = int(done.stderr.strip().splitlines()[-1]) * 1024
        print(f"  {name:<18} {peak / 2**20:7.1f} MiB  {peak / size:5.1f}x the input")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory table")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = measure(folder, args.repeat)
        small, large = SIZES
        print(f"{'work':<24} {small:>10,} {large:>10,}   ratio  exponent")
        for name, times in rows.items():
            ratio = times[large] / times[small]
            exponent = math.log(ratio) / math.log(large / small)
            print(
                f"{name:<24} {times[small] * 1000:8.1f}ms {times[large] * 1000:8.1f}ms"
                f"  {ratio:6.1f}  {exponent:8.2f}"
            )
        y, j = rows["check YAML"][large], rows["check JSON"][large]
        print(
            f"\nat {large:,}: YAML check {y / rows['libyaml events (bare)'][large]:.2f}x the "
            f"event walk, JSON check {j / rows['json.loads (bare)'][large]:.2f}x json.loads"
        )
        if not args.no_memory:
            memory(folder)


if __name__ == "__main__":
    main()
