"""How fast argmap writes briefs: HTML and Markdown for 100, 1,000 and 10,000 arguments,
without the ``dot`` layout (the map is left out; ``bench_dot`` times layout).

Target (issue 4): the HTML brief of 1,000 arguments in under 0.5 s.

    .venv/bin/python -m bench.bench_brief [--repeat N]
"""

from __future__ import annotations

import argparse
from functools import partial

import argmap
from argmap.exporters.brief import export_html
from argmap.exporters.brief_markdown import export_markdown
from bench.generate import debate as synthetic
from bench.timing import median

SIZES = (100, 1_000, 10_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    args = parser.parse_args()
    print(f"{'arguments':>9} {'HTML':>10} {'size':>10} {'Markdown':>10}")
    for n in SIZES:
        debate = argmap.Debate.model_validate(synthetic(n))
        html_seconds = median(partial(export_html, debate), args.repeat)
        md_seconds = median(partial(export_markdown, debate), args.repeat)
        size = len(export_html(debate).encode()) / 1024
        print(
            f"{n:>9,} {html_seconds * 1000:>8.1f}ms {size:>7,.0f} KiB {md_seconds * 1000:>8.1f}ms"
        )


if __name__ == "__main__":
    main()
