"""Maps on real paper: page sizes, fitting a drawing to a page with margins, and making
the pages (PDF pages of exactly the paper's size; PNG pages of exactly its size at a DPI).

A drawing is never enlarged to fill a page (on a slide, up to twice: :data:`ZOOM`), and
never shrunk below the smallest printed text size a page may have
(:attr:`PageSetup.min_text`): :mod:`argmap.pagination` splits a map that would print
smaller over several pages instead.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Final, cast

from argmap.errors import UsageError

if TYPE_CHECKING:
    from pypdf import PdfWriter

POINTS_PER_MM: Final = 72 / 25.4


class Paper(StrEnum):
    """Page sizes argmap prints on."""

    A4 = "a4"
    LETTER = "letter"
    A3 = "a3"
    SLIDE = "slide"
    """A 16:9 slide, 13.33 x 7.5 inches (as presentation programs make them)."""


class Orientation(StrEnum):
    """Which way round the page is; ``auto`` takes the one that prints the map larger."""

    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"
    AUTO = "auto"


SIZES: Final = {  # width, height in points, portrait (a slide is landscape by nature)
    Paper.A4: (595.28, 841.89),
    Paper.LETTER: (612.0, 792.0),
    Paper.A3: (841.89, 1190.55),
    Paper.SLIDE: (540.0, 960.0),
}
MARGINS: Final = {Paper.A4: 36.0, Paper.LETTER: 36.0, Paper.A3: 36.0, Paper.SLIDE: 24.0}
"""Blank space around the drawing on each side, in points (half an inch on paper)."""
ZOOM: Final = {Paper.A4: 1.0, Paper.LETTER: 1.0, Paper.A3: 1.0, Paper.SLIDE: 2.0}
"""The most a drawing is enlarged to fill a page: never on paper; on a slide, up to
twice (a projector shows a small map larger, as presentation programs do)."""
MIN_TEXT: Final = 9.0
"""The smallest body text, in points, a page may print (the default of ``--min-text``)."""


@dataclass(frozen=True)
class PageSetup:
    """The paper a map is printed on and the smallest text it may print."""

    paper: Paper = Paper.A4
    orientation: Orientation | None = None
    """None: one orientation for every page of a document, the one that needs fewer
    pages (a single drawing takes the way round that prints it larger)."""
    min_text: float = MIN_TEXT
    margin: float | None = None
    """Blank space around the drawing on each side, in points (None: the paper's own,
    :data:`MARGINS`); a brief leaves room for its own headings."""
    max_pages: int | None = None
    """At most this many pages (``--pages``): the text then prints as large as that
    allows, below ``min_text`` if it must (and a warning says the size reached)."""

    def __post_init__(self) -> None:
        if not 4.0 <= self.min_text <= 72.0:
            raise UsageError("--min-text must be from 4 to 72 points")
        if self.max_pages is not None and not 1 <= self.max_pages <= 999:
            raise UsageError("--pages must be from 1 to 999")

    @property
    def edge(self) -> float:
        """The margin on each side, in points: the setup's own, else the paper's."""
        return MARGINS[self.paper] if self.margin is None else self.margin


@dataclass(frozen=True)
class Fit:
    """Where a drawing of a given size goes on a page."""

    width: float
    """The page's width, in points."""
    height: float
    scale: float
    """How much the drawing is scaled (at most 1 on paper: never enlarged)."""
    landscape: bool
    x: float
    """Where the scaled drawing's lower left corner is, on the page."""
    y: float


def fit(width: float, height: float, setup: PageSetup) -> Fit:
    """How a drawing of ``width`` x ``height`` points fits the page: centred within the
    margins, scaled down if it must be, up if a slide (in ``auto`` orientation, the way
    round that scales it least, as when no orientation is set; a slide is landscape
    unless asked)."""
    short, long = SIZES[setup.paper]
    margin = setup.edge
    choices: list[bool]  # landscape?
    if setup.orientation is Orientation.PORTRAIT:
        choices = [False]
    elif setup.orientation is Orientation.LANDSCAPE or setup.paper is Paper.SLIDE:
        choices = [True]
    else:
        choices = [False, True]
    best: Fit | None = None
    for landscape in choices:
        page_w, page_h = (long, short) if landscape else (short, long)
        scale = min(
            (page_w - 2 * margin) / max(width, 1.0),
            (page_h - 2 * margin) / max(height, 1.0),
            ZOOM[setup.paper],
        )
        x = (page_w - width * scale) / 2
        y = (page_h - height * scale) / 2
        candidate = Fit(page_w, page_h, scale, landscape, x, y)
        if best is None or candidate.scale > best.scale + 1e-9:
            best = candidate
    assert best is not None
    return best


def pdf_size(pdf: bytes) -> tuple[float, float]:
    """The width and height, in points, of the first page of a PDF ``dot`` drew."""
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return float(box.width), float(box.height)


def compose(drawings: list[tuple[bytes, Fit]], links: Mapping[str, int] | None = None) -> bytes:
    """One PDF whose every page has exactly its paper's size, each drawing placed on its
    page as its :class:`Fit` says, and its boxes' links to the pages ``links`` names
    (:func:`_linked`).

    Each drawing's page is taken as it is, its content stream wrapped in a transformation
    and its box set to the paper's: the stream is never parsed (merging it into a blank
    page parsed and rewrote every operator, 0.16 s a page)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject, RectangleObject, StreamObject

    writer = PdfWriter()
    for pdf, placed in drawings:
        drawing = PdfReader(io.BytesIO(pdf)).pages[0]
        box = drawing.mediabox
        page = writer.add_page(drawing)
        s = placed.scale
        x = placed.x - float(box.left) * s
        y = placed.y - float(box.bottom) * s
        move = f"q {s:.6f} 0 0 {s:.6f} {x:.4f} {y:.4f} cm\n".encode()
        contents = page["/Contents"].get_object()
        parts = list(contents) if isinstance(contents, ArrayObject) else [page["/Contents"]]
        streams = [cast("StreamObject", part.get_object()) for part in parts]
        data = b"\n".join(stream.get_data() for stream in streams)  # cairo writes one
        for stream in streams[1:]:
            stream.set_data(b"")
        streams[0].set_data(move + data + b"\nQ\n")
        for link in page.get("/Annots") or []:  # where a box links from moves with it
            link = link.get_object()
            x_1, y_1, x_2, y_2 = (float(v) for v in link["/Rect"])
            link[NameObject("/Rect")] = RectangleObject(
                (x_1 * s + x, y_1 * s + y, x_2 * s + x, y_2 * s + y)
            )
        paper = RectangleObject((0, 0, placed.width, placed.height))
        page.mediabox = paper
        for name in ("/CropBox", "/TrimBox", "/BleedBox", "/ArtBox"):
            if name in page:
                del page[name]
    _linked(writer, links or {})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _linked(writer: PdfWriter, links: Mapping[str, int]) -> None:
    """Each box's link (``#arg-ID``: a place in a brief, nowhere in a PDF of its own)
    made a link to the page ``links`` gives that anchor (0-based), the page that draws
    the element in full; a link to its own page, or to none, is left out."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    for n, page in enumerate(writer.pages):
        kept = []
        for link in page.get("/Annots") or []:
            action = link.get_object().get("/A")
            uri = action.get("/URI") if action is not None else None
            if not isinstance(uri, str) or not uri.startswith("#"):
                kept.append(link)
                continue
            there = links.get(uri)
            if there is None or there == n or not 0 <= there < len(writer.pages):
                continue
            link.get_object()[NameObject("/A")] = DictionaryObject(
                {
                    NameObject("/S"): NameObject("/GoTo"),
                    NameObject("/D"): ArrayObject(
                        [writer.pages[there].indirect_reference, NameObject("/Fit")]
                    ),
                }
            )
            kept.append(link)
        if "/Annots" in page:
            if kept:
                page[NameObject("/Annots")] = ArrayObject(kept)
            else:
                del page["/Annots"]


def png_settings(
    width: float, height: float, placed: Fit, dpi: int, nudge: tuple[int, int] = (0, 0)
) -> dict[str, str]:
    """The graph settings that make ``dot`` draw a PNG of the page's size at ``dpi``, the
    drawing scaled and centred as ``placed`` says: ``size`` scales it, and ``margin`` (in
    inches, each side) fills the rest. Graphviz rounds each part to whole pixels its own
    way; ``nudge`` adds pixels to the margins to make up the difference. The drawing must
    have no ``pad``."""
    extra_x, extra_y = (n / dpi / 2 for n in nudge)
    grow = "!" if placed.scale > 1 else ""  # without it, Graphviz only ever shrinks
    return {
        "size": f"{width * placed.scale / 72:.4f},{height * placed.scale / 72:.4f}{grow}",
        "margin": f"{placed.x / 72 + extra_x:.4f},{placed.y / 72 + extra_y:.4f}",
    }


def png_size(png: bytes) -> tuple[int, int]:
    """The width and height, in pixels, of a PNG (from its header)."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
