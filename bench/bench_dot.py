"""How fast argmap draws debates: DOT generation, and Graphviz layout with and without
``--split positions``, on synthetic debates of 100, 1,000 and 10,000 arguments.

Also prints how large the printed text of each whole map would be on one A4 page (either
way round, within margins), the measure behind argmap's "too small to read" warning for
a screen drawing (below 9 pt; a PDF is split over pages instead: bench_pages).

Target (issue 3): DOT generation for 10,000 arguments in under 0.3 s.

    .venv/bin/python -m bench.bench_dot [--repeat N] [--layout-limit N]
"""

from __future__ import annotations

import argparse
import sys
from functools import partial

import argmap
from argmap.diagrams import Drawing, page_setup, plan
from argmap.errors import RenderError
from argmap.exporters.dot import export_dot
from argmap.exporters.options import DiagramOptions, Split
from argmap.exporters.style import LOOKS, Theme
from argmap.graphviz import run_dot, svg_size
from argmap.paper import fit
from bench.generate import debate as synthetic
from bench.timing import median, timed

SIZES = (100, 1_000, 10_000)


def _draw_all(debate: argmap.Debate, drawings: list[Drawing]) -> list[bytes]:
    return [run_dot(export_dot(debate, d.options), "svg") for d in drawings]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per DOT measurement")
    parser.add_argument(
        "--layout-limit", type=int, default=1_000, help="largest size laid out as one map"
    )
    args = parser.parse_args()
    font = LOOKS[Theme.DEFAULT].font_size
    print(
        f"{'arguments':>9} {'export_dot':>11} {'dot layout':>11} {'split layout':>13} "
        f"{'maps':>5} {'A4 text':>8}"
    )
    for n in SIZES:
        debate = argmap.Debate.model_validate(synthetic(n))
        generate = median(partial(export_dot, debate), args.repeat)
        whole = "-"
        a4 = "-"
        if n <= args.layout_limit:
            try:
                seconds, svg = timed(partial(run_dot, export_dot(debate), "svg"))
                whole = f"{seconds:>9.2f}s"
                scale = fit(*svg_size(svg), page_setup(Theme.DEFAULT)).scale  # type: ignore[arg-type]
                a4 = f"{font * scale:.1f} pt"
            except RenderError as exc:
                whole = "failed"
                print(f"  {n}: {exc}", file=sys.stderr)
        drawings = plan(debate, DiagramOptions(), split=Split.POSITIONS)
        split_seconds, _ = timed(partial(_draw_all, debate, drawings))
        print(
            f"{n:>9,} {generate * 1000:>9.1f}ms {whole:>11} {split_seconds:>12.2f}s "
            f"{len(drawings):>5} {a4:>8}"
        )


if __name__ == "__main__":
    main()
