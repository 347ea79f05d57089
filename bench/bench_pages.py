"""Paginated PDFs: how long a map takes to be split over A4 pages and printed, how many pages
it needs, how many times ``dot`` lays a page out to decide, and the smallest body text any
page prints (it must be 9 pt or more, or the page is named in a warning).

On synthetic debates of 100, 1,000 and 10,000 arguments (bench/generate.py), default theme,
A4 either way round, 9 pt. No target (issue 11 asks for the figures); what to look at is
the growth: the time per page should stay flat as the map grows, since a page is measured
only if a cheap bound (the area of its boxes) says it might fit.

    .venv/bin/python -m bench.bench_pages [--sizes 100,1000,10000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from unittest import mock

from pypdf import PdfReader

import argmap
from argmap.diagrams import _Drawer, render
from argmap.exporters.style import LOOKS, Theme
from bench.generate import debate as synthetic


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="100,1000,10000", help="argument counts, comma-separated"
    )
    args = parser.parse_args()
    font = LOOKS[Theme.DEFAULT].font_size
    print(
        f"{'arguments':>9} {'seconds':>8} {'pages':>6} {'layouts':>8} {'s/page':>7} "
        f"{'smallest':>9} {'warnings':>8} {'PDF MB':>7}"
    )
    for n in (int(part) for part in args.sizes.split(",")):
        debate = argmap.Debate.model_validate(synthetic(n))
        with (
            tempfile.TemporaryDirectory() as folder,
            mock.patch.object(_Drawer, "measure", autospec=True, side_effect=_Drawer.measure) as m,
        ):
            target = Path(folder) / "map.pdf"
            start = time.perf_counter()
            result = render(debate, [target])
            seconds = time.perf_counter() - start
            reader = PdfReader(target)
            pages = len(reader.pages)
            smallest = _smallest_body(reader, font)
            size = target.stat().st_size / 1e6
        print(
            f"{n:>9,} {seconds:>8.1f} {pages:>6} {m.call_count:>8} {seconds / pages:>7.2f} "
            f"{smallest:>7.1f}pt {len(result.warnings):>8} {size:>7.1f}"
        )


def _smallest_body(reader: PdfReader, font: float) -> float:
    """The smallest printed size of body text on any page, read from the PDF."""
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], _: object, size: float) -> None:
        drawn = size * abs(tm[3])
        if text.strip() and abs(drawn - font) < 0.01:
            sizes.append(drawn * abs(cm[3]))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return min(sizes)


if __name__ == "__main__":
    main()
