"""What a diagram should show and how: the options every diagram function takes.

Kept apart from the exporters so that the command line can name them without importing
the machinery that draws.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from argmap.exporters.style import Theme
from argmap.paper import Orientation


class ColorBy(StrEnum):
    """What node fills stand for."""

    KIND = "kind"  # positions, reasons for, objections, undercuts
    ACTOR = "actor"  # the first actor who advances the argument
    POSITION = "position"  # the position the argument's branch belongs to
    STATUS = "status"  # what stands: in, out or undecided (see argmap analyse)


class Highlight(StrEnum):
    """Arguments to mark on the map, from what would change the answer (argmap analyse)."""

    CRUXES = "cruxes"  # where weighted stakeholders part ways
    PIVOTS = "pivots"  # arguments on which the first-ranked option turns


class RankDir(StrEnum):
    """The direction the map grows in."""

    TB = "TB"
    LR = "LR"
    BT = "BT"
    RL = "RL"


@dataclass(frozen=True)
class Sheet:
    """How a worksheet, or its answer key, draws the ids it leaves blank.

    Both draw each blank as a cell of the same fixed size, so the key has the sheet's
    layout: on the sheet the cell holds writing lines, on the key the text that belongs
    there. Sizes are in the drawing's points, before it is scaled onto a page.
    """

    key: bool
    """The answer key (the cells hold the texts) rather than the sheet (writing lines)."""
    task: str
    """What students are to do, in one sentence."""
    cell_width: float
    line_gap: float
    """The distance between two writing lines."""


@dataclass(frozen=True, eq=False)
class PageNumbers:
    """Where the parts of a map split over pages are: the page each element is drawn on,
    and the page where what lies beneath an element continues."""

    home: Mapping[str, int]
    beneath: Mapping[str, tuple[int, ...]]
    """The pages that draw what lies beneath an element (several, if its arguments are
    too many for one page)."""
    this: int
    """The page being drawn."""
    of: int
    """How many pages there are."""
    short: str = "p."
    """How a page is named beside a number: ``p. 4``; ``slide 4`` in a deck of slides."""


@dataclass(frozen=True)
class DiagramOptions:
    """What to draw and how. The defaults draw the whole map in the default theme."""

    theme: Theme = Theme.DEFAULT
    color_by: ColorBy = ColorBy.KIND
    rankdir: RankDir = RankDir.TB
    wrap: int = 24
    fixed_wrap: bool = False
    """The wrap was asked for: pages keep it (else paper may wrap otherwise, to fit)."""
    focus: str | None = None
    depth: int | None = None
    """With ``focus``: how many levels beneath it to show (None: all)."""
    position: str | None = None
    actor: str | None = None
    tag: str | None = None
    blank: frozenset[str] = frozenset()
    """Ids whose text is left blank (worksheets); numbers and structure stay."""
    max_level: int | None = None
    """Show only outline levels up to this one (step-by-step reveal)."""
    legend: bool = True
    legend_marks: frozenset[str] = frozenset()
    """Marks the legend explains though this drawing may not draw them (the first page
    of a document explains every mark of every page)."""
    caption: str | None = None
    """A line under the title, such as "Worksheet" or "Step 2 of 4" (argmap's own text)."""
    status: bool = False
    """Mark each node in, out or undecided (implied by ``color_by=STATUS``)."""
    strengths: bool = False
    """Show each node's DF-QuAD strength."""
    perspective: str | None = None
    """Evaluate status and strength as this actor weighs the arguments."""
    highlight: Highlight | None = None
    """Mark the cruxes between stakeholders or the pivots (with a heavy border and ◆)."""
    long_edges: bool = False
    """Draw an argument's links to targets other than the one it is numbered under as
    long lines across the map, instead of a short reference ("see 1.3") at the target."""
    sheet: Sheet | None = None
    """A worksheet or answer key: how its blanks are drawn (with ``blank``)."""
    visible: frozenset[str] | None = None
    """A step of a reveal: the ids drawn; the others keep their place, invisible, so
    every step has the same layout (None: all are drawn)."""
    pages: PageNumbers | None = None
    """Where the other parts are, when the map is split over pages."""
    caption_size: float | None = None
    """The caption's font size in points (None: the theme's small size)."""
    pad: float = 0.3
    """Blank space around the drawing, in inches (0 on a page, which has margins)."""
    children: frozenset[str] | None = None
    """Draw only these of the children of ``focus`` (of the question, without a focus),
    with what is beneath them: a page of a wide branch split in parts."""
    compact_context: bool = False
    """With ``focus`` or ``branches``: draw their ancestors as one-line signposts (number,
    title and page), without their other links: a page of a map split over pages."""
    titles_only: bool = False
    """Draw every element as a one-line label, its number, marker and title (or its text
    shortened at a word): a brief's map on paper, whose texts are in its Options."""
    ancestors: bool = True
    """With ``focus`` or ``branches``: draw the elements above them (False: a slide of a
    deck, whose caption says where it sits, begins at its branch)."""
    orientation: Orientation | None = None
    """The way round a page prints (None: as the page setup says)."""
    branches: tuple[tuple[str, int | None], ...] | None = None
    """Draw these branches, each (root, levels beneath it, None: all), and their
    ancestors: a page that holds several parts of a map split over pages."""
    rows: tuple[int, ...] = ()
    """With ``branches``: the indices of the branches that begin a row drawn beneath
    the rows before it (a page may hold parts one above the other, not only side by side)."""


class Split(StrEnum):
    """How to divide a map into several."""

    POSITIONS = "positions"


class Reveal(StrEnum):
    """The order a reveal shows the map in."""

    LEVELS = "levels"
    """Level by level: the options, then every argument about them, and so on."""
    OPTIONS = "options"
    """Option by option, each with its whole branch."""


class BriefFormat(StrEnum):
    """Formats a brief can be written in."""

    HTML = "html"
    MD = "md"
    PDF = "pdf"
    DOCX = "docx"
