"""Paper economy: how many pages the documents a class prints take, at 9 pt or more.

For each example debate and synthetic debates of 10, 25 and 100 arguments
(bench/generate.py), on A4 and Letter: the map, the worksheet (its key has the same
pages), and each option's one-option handout (``--position``), written as PDFs the way
``argmap render`` writes them; the pages are counted and the smallest body text read back
from each PDF. Prints the pages per 10 arguments of the largest map, the figure issue 22
asks to state.

Target (issue 22): maps of up to 25 arguments, their worksheets and one-option handouts,
in at most 4 pages each at 9 pt; larger maps in proportion.

    .venv/bin/python -m bench.bench_paper_economy [--sizes 10,25,100] [--papers a4,letter]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

import argmap
from argmap.diagrams import render
from argmap.exporters.options import DiagramOptions
from argmap.exporters.style import LOOKS, Theme
from argmap.paper import Paper
from bench.bench_pages import _smallest_body
from bench.generate import debate as synthetic

EXAMPLES = ("hikvision-2019", "school-phones", "uk-5g-huawei-2020")


def documents(debate: argmap.Debate, paper: Paper, folder: Path) -> dict[str, tuple[int, float]]:
    """Each document's pages and smallest body text, by name."""
    font = LOOKS[Theme.DEFAULT].font_size
    out: dict[str, tuple[int, float]] = {}
    jobs: list[tuple[str, DiagramOptions, bool]] = [
        ("map", DiagramOptions(), False),
        ("worksheet", DiagramOptions(), True),
    ]
    jobs += [(f"option {p.id}", DiagramOptions(position=p.id), False) for p in debate.positions]
    for name, options, worksheet in jobs:
        target = folder / "doc.pdf"
        result = render(debate, [target], options, worksheet=worksheet, paper=paper)
        written = result.written[0]  # a worksheet's sheet comes before its key
        reader = PdfReader(written)
        out[name] = (len(reader.pages), _smallest_body(reader, font))
        for path in result.written:
            path.unlink()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,25,100", help="argument counts, comma-separated")
    parser.add_argument("--papers", default="a4,letter", help="papers, comma-separated")
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    debates: list[tuple[str, argmap.Debate]] = [
        (stem, argmap.load(root / "debates" / f"{stem}.yaml")) for stem in EXAMPLES
    ]
    debates += [
        (f"generated {n}", argmap.Debate.model_validate(synthetic(n)))
        for n in (int(part) for part in args.sizes.split(","))
    ]
    print(
        f"{'debate':<16} {'args':>4} {'paper':<6} {'map':>4} {'sheet':>5} {'options':<12} "
        f"{'smallest':>8} {'seconds':>7} {'map/10':>6}"
    )
    for name, debate in debates:
        for paper in (Paper(p) for p in args.papers.split(",")):
            with tempfile.TemporaryDirectory() as folder:
                start = time.perf_counter()
                docs = documents(debate, paper, Path(folder))
                seconds = time.perf_counter() - start
            options = [pages for key, (pages, _) in docs.items() if key.startswith("option ")]
            smallest = min(size for _, size in docs.values())
            n = len(debate.arguments)
            print(
                f"{name:<16} {n:>4} {paper.value:<6} {docs['map'][0]:>4} "
                f"{docs['worksheet'][0]:>5} {','.join(map(str, options)):<12} "
                f"{smallest:>6.1f}pt {seconds:>7.1f} {docs['map'][0] / n * 10:>6.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
