"""Write the first page of a debate's A4 worksheet as a PNG, for the docs and exports/.

    .venv/bin/python scripts/worksheet_page.py DEBATE.yaml OUT.png

(exports/school-phones.worksheet-p1.png is made from debates/school-phones.yaml.)

The page is argmap's own PNG of the page (``--worksheet --paper a4 --theme print``, 100
DPI): the same layout as page 1 of NAME.worksheet.pdf, which ``./run build`` writes.
``tests/test_diagrams.py`` checks that the committed page is what this writes.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import argmap
from argmap.diagrams import render
from argmap.exporters.options import DiagramOptions
from argmap.exporters.style import Theme
from argmap.paper import Paper

DPI = 100


def first_page(debate: Path) -> bytes:
    """The first page of the debate's A4 worksheet, as PNG bytes."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "sheet.png"
        written = render(
            argmap.load(debate),
            [target],
            DiagramOptions(theme=Theme.PRINT),
            worksheet=True,
            paper=Paper.A4,
            dpi=DPI,
        ).written
        first = next(p for p in written if p.name in ("sheet.png", "sheet-p1.png"))
        return first.read_bytes()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    Path(sys.argv[2]).write_bytes(first_page(Path(sys.argv[1])))
