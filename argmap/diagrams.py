"""Diagrams of a debate as files: one map, a map per position, a worksheet with its answer
key, or a step-by-step reveal, in DOT, SVG, PNG or PDF.

:func:`plan` decides which drawings a request makes and what each file is called;
:func:`render` lays them out with ``dot`` and writes them all at once, or nothing.

A PDF is always on paper (A4 unless asked otherwise), a PNG when ``paper`` is given:
each page exactly the paper's size, the drawing within its margins, never printed below
the smallest text size allowed, and split over pages (:mod:`argmap.pagination`) rather
than shrunk further. SVG and DOT are for screens and other programs: one drawing each.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Final

from argmap.diagnostics import closest
from argmap.errors import UsageError
from argmap.exporters.dot import TASKS, anchor, export_dot, writing_sheet
from argmap.exporters.options import DiagramOptions, RankDir, Reveal, Split
from argmap.exporters.style import LOOKS, Theme
from argmap.exporters.svg import accessible_svg
from argmap.index import index
from argmap.io.debate_file import input_of
from argmap.io.files import guard_outputs, write_files
from argmap.model import Debate

if TYPE_CHECKING:
    pass
from argmap.graphviz import FORMATS, layout_size, run_dot, run_dot_each, svg_size
from argmap.paper import (
    MIN_TEXT,
    Fit,
    Orientation,
    PageSetup,
    Paper,
    compose,
    fit,
    pdf_size,
    png_settings,
    png_size,
)

SUFFIX_FORMATS: Final = {".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".pdf": "pdf"}
MAX_WRAP: Final = 200
MIN_DPI: Final = 10
MAX_DPI: Final = 1200
"""PNG resolutions argmap accepts; beyond them Graphviz clamps or scales the bitmap."""
SLIDE_CAPTION: Final = 24.0
"""The smallest a reveal's step caption prints on a slide, in points: legible from the
back of a classroom."""
PAPER_CAPTION: Final = 14.0
"""The smallest a reveal's step caption prints on paper, in points."""


@dataclass(frozen=True)
class Drawing:
    """One diagram to draw: a name to add to the output file's stem, and its options."""

    suffix: str
    options: DiagramOptions
    mirrors: str | None = None
    """The suffix of the drawing whose pages this one has (an answer key, its sheet's)."""


@dataclass(frozen=True)
class Rendered:
    """What a render wrote, and what the reader should know about it."""

    written: tuple[Path, ...]
    warnings: tuple[str, ...]


def page_setup(
    theme: Theme,
    paper: Paper | None = None,
    orientation: Orientation | None = None,
    min_text: float | None = None,
    max_pages: int | None = None,
) -> PageSetup:
    """The paper a map prints on, with the theme's defaults for what is not given: A4,
    every page of a document one way round (the one that needs fewer pages), A4 portrait
    for the print theme, a 16:9 slide for the projector."""
    if paper is None:
        paper = Paper.SLIDE if theme is Theme.PROJECTOR else Paper.A4
    if orientation is None and theme is Theme.PRINT:
        orientation = Orientation.PORTRAIT
    text = MIN_TEXT if min_text is None else min_text
    return PageSetup(paper, orientation, min_text=text, max_pages=max_pages)


def format_of(path: Path) -> str:
    """The output format a file name asks for."""
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(f"cannot tell the format of '{path}': name it .svg, .png, .pdf or .dot")
    return fmt


def check_options(debate: Debate, options: DiagramOptions) -> None:
    """Refuse ids, actors and tags the debate does not have, with a suggestion."""
    elements = [p.id for p in debate.positions] + [a.id for a in debate.arguments]
    for flag, value, known in (
        ("--focus", options.focus, elements),
        ("--position", options.position, [p.id for p in debate.positions]),
        ("--actor", options.actor, [a.id for a in debate.actors]),
        (
            "--tag",
            options.tag,
            sorted(_tags(debate)),
        ),
    ):
        if value is not None and value not in known:
            close = closest(value, known)
            hint = f"; did you mean '{close}'?" if close else ""
            raise UsageError(f"{flag} {value!r}: the debate has no such id or tag{hint}")
    positions = {p.id for p in debate.positions}
    for ident in sorted(options.blank):
        if ident in positions:
            raise UsageError(
                f"--blank {ident!r} is an option: a worksheet never blanks the options or the "
                "question, since students need something to reason from"
            )
        if ident not in elements:
            close = closest(ident, elements)
            hint = f"; did you mean '{close}'?" if close else ""
            raise UsageError(f"--blank {ident!r}: the debate has no such id{hint}")
    if options.perspective is not None and options.perspective not in {a.id for a in debate.actors}:
        close = closest(options.perspective, [a.id for a in debate.actors])
        hint = f"; did you mean '{close}'?" if close else ""
        raise UsageError(f"--as {options.perspective!r}: the debate has no such actor{hint}")
    if options.depth is not None and options.depth < 0:
        raise UsageError("--depth must be 0 or more")
    if not 8 <= options.wrap <= MAX_WRAP:
        raise UsageError(f"--wrap must be from 8 to {MAX_WRAP} characters")


def check_dpi(dpi: int | None) -> None:
    """Refuse a resolution Graphviz would silently clamp or scale into nonsense."""
    if dpi is not None and not MIN_DPI <= dpi <= MAX_DPI:
        raise UsageError(f"--dpi must be from {MIN_DPI} to {MAX_DPI} (the default is 96)")


def _tags(debate: Debate) -> set[str]:
    return {t for p in debate.positions for t in p.tags} | {
        t for a in debate.arguments for t in a.tags
    }


def blank_ids(debate: Debate, spec: str) -> frozenset[str]:
    """The ids a ``--blank`` value names: ``all`` (every argument, never an option),
    ``counterarguments`` (the arguments whose marker says they attack or undercut, their
    first link, but never one beneath another blank: a student must have something to
    answer) or a list of ids."""
    if spec == "all":
        return frozenset(a.id for a in debate.arguments)
    if spec == "counterarguments":
        tree = index(debate).tree
        counter = {a.id for a in debate.arguments if not a.supports}
        blanks: set[str] = set()
        for ident in tree.order():  # top-down: a blank's parent is decided first
            parent = tree.parent.get(ident)
            if ident in counter and parent not in blanks:
                blanks.add(ident)
        return frozenset(blanks)
    return frozenset(part.strip() for part in spec.split(",") if part.strip())


def _task(debate: Debate, blank: frozenset[str]) -> str:
    """The worksheet's one-sentence task, for what it leaves blank."""
    for spec in ("counterarguments", "all"):
        if blank == blank_ids(debate, spec):
            return TASKS[spec]
    return TASKS["ids"]


def plan(
    debate: Debate,
    options: DiagramOptions,
    *,
    split: Split | None = None,
    worksheet: bool = False,
    reveal: Reveal | bool | None = None,
    setup: PageSetup | None = None,
) -> list[Drawing]:
    """The drawings a request makes, each with the suffix its file name gets."""
    check_options(debate, options)
    setup = setup or page_setup(options.theme)
    if worksheet:
        if not options.blank:
            options = replace(options, blank=blank_ids(debate, "counterarguments"))
        look = LOOKS[options.theme]
        task = _task(debate, options.blank)
        sheet = writing_sheet(look, task=task, min_text=setup.min_text)
        return [
            Drawing("", replace(options, sheet=sheet)),
            Drawing("-key", replace(options, sheet=replace(sheet, key=True)), mirrors=""),
        ]
    if split is Split.POSITIONS:
        tree = index(debate).tree
        drawings = [Drawing("-overview", replace(options, max_level=2, caption="Overview"))]
        for p in debate.positions:
            number = tree.numbers[p.id]
            drawings.append(Drawing(f"-{number}-{p.id}", replace(options, position=p.id)))
        return drawings
    if reveal:
        return _steps(debate, options, Reveal.LEVELS if reveal is True else Reveal(reveal))
    return [Drawing("", options)]


def _steps(debate: Debate, options: DiagramOptions, order: Reveal) -> list[Drawing]:
    """A reveal's steps: each the whole view laid out once, showing what is revealed by
    then and keeping the rest in place, invisible."""
    from argmap.exporters.selection import select

    tree = index(debate).tree
    shown = select(debate, tree, options).shown
    groups: list[set[str]]
    if order is Reveal.LEVELS:
        deepest = max(tree.depth(i) for i in shown)
        groups = [{i for i in shown if tree.depth(i) == n} for n in range(1, deepest + 1)]
    else:
        groups = [
            {i for i in tree.subtree(p.id) if i in shown} for p in debate.positions if p.id in shown
        ]
    drawings = []
    visible: set[str] = set()
    for n, group in enumerate(groups, 1):
        visible |= group
        caption = f"Step {n} of {len(groups)}"
        step = replace(options, visible=frozenset(visible), caption=caption)
        drawings.append(Drawing(f"-step{n}", step))
    return drawings


def _noting(said: dict[str, None], target: Path) -> Callable[[str], None]:
    """A callback that records what ``dot`` warned of while drawing ``target``."""
    return lambda warning: said.setdefault(f"{target.name}: {warning}", None)


def describer(debate: Debate) -> Callable[[str], str]:
    """A function from a DOT node name (``a3``) to the element it draws, in the user's
    words (``argument 'pro' (1.1)``); what it needs is computed on first use only."""

    def describe(name: str) -> str:
        idx = index(debate)
        ident = idx.by_name.get(name)
        if ident is None:
            return "the question" if name == "q" else "the map's title, legend or a marker"
        kind = "position" if ident in idx.positions else "argument"
        return f"{kind} '{ident}' ({idx.tree.numbers.get(ident, '?')})"

    return describe


def _named(path: Path, suffix: str) -> Path:
    return path.with_name(f"{path.stem}{suffix}{path.suffix}")


class _Drawer:
    """Lays out and draws one request's drawings: each layout once, however many files
    use it, and each drawing's pages once, for its PDF and its PNGs alike."""

    def __init__(self, debate: Debate, setup: PageSetup, dpi: int | None) -> None:
        self.debate = debate
        self.setup = setup
        self.dpi = dpi
        self.describe = describer(debate)
        self.said: dict[str, None] = {}  # what dot warned of, once each, in order
        self.deck = False
        """The drawings are the slides of a deck (each its own layout)."""
        self.paged: dict[str, list[DiagramOptions]] = {}  # drawing suffix -> its pages

    def run(self, source: str, fmt: str, target: Path, **kwargs: object) -> bytes:
        return run_dot(
            source,
            fmt,
            describe=self.describe,
            warn=_noting(self.said, target),
            **kwargs,  # type: ignore[arg-type]
        )

    def measure(self, options: DiagramOptions) -> tuple[float, float]:
        """The size of a page's drawing, in points (laid out once per distinct source
        in the process: :func:`~argmap.graphviz.layout_size`)."""
        source = export_dot(self.debate, replace(options, pad=0))
        return layout_size(source, settings={"margin": "0"}, describe=self.describe)

    def fit(self, width: float, height: float, page: DiagramOptions) -> Fit:
        """Where a page's drawing goes on its paper, the way round the page says."""
        setup = self.setup
        if page.orientation is not None:
            setup = replace(setup, orientation=page.orientation)
        return fit(width, height, setup)

    def pages(self, drawing: Drawing, drawings: dict[str, Drawing]) -> list[DiagramOptions]:
        """The views a drawing prints as, one per page (an answer key: its sheet's pages,
        each showing the texts where the sheet has blanks)."""
        from argmap.pagination import paginate

        if drawing.suffix in self.paged:
            return self.paged[drawing.suffix]
        if drawing.mirrors is not None:
            sheet = drawing.options.sheet
            pages = [
                replace(page, sheet=sheet)
                for page in self.pages(drawings[drawing.mirrors], drawings)
            ]
        elif drawing.options.visible is not None:  # a reveal's step: one page, never split
            pages = [drawing.options]
        else:
            pages = paginate(self.debate, drawing.options, self.setup, self.measure)
            wanted = self.setup.max_pages
            if wanted is not None and len(pages) > wanted:
                from argmap.pagination import SMALLEST_TEXT

                words = (
                    f"--pages {wanted}: the map{drawing.suffix} needs {len(pages)} pages even "
                    f"with its text at {SMALLEST_TEXT:g} pt, the smallest argmap prints"
                )
                self.said.setdefault(words, None)
        self.paged[drawing.suffix] = pages
        return pages

    def pdf(self, pages: list[DiagramOptions], target: Path) -> tuple[bytes, list[str]]:
        """One PDF with a page of the paper's size for each view, and a warning for each
        page whose body text prints below the smallest size allowed."""
        placed = []
        warnings = []
        drawn = run_dot_each(
            [export_dot(self.debate, replace(page, pad=0)) for page in pages],
            "pdf",
            settings={"margin": "0"},
            describe=self.describe,
            warn=_noting(self.said, target),
        )
        for n, (page, drawing) in enumerate(zip(pages, drawn, strict=True), 1):
            width, height = pdf_size(drawing)
            where = self.fit(width, height, page)
            placed.append((drawing, where))
            warnings += self.too_small(target, n, len(pages), page, where.scale)
        numbered = pages[0].pages if len(pages) > 1 else None
        homes = numbered.home if numbered is not None else {}
        links = {  # ids are unique across kinds: each gets both
            anchor(kind, ident): n - 1 for ident, n in homes.items() for kind in ("pos", "arg")
        }
        return compose(placed, links), warnings

    def pngs(
        self, pages: list[DiagramOptions], target: Path
    ) -> tuple[dict[Path, bytes], list[str]]:
        """A PNG of exactly the paper's size at the DPI asked for, per page: NAME.png for
        one page, NAME-p1.png, NAME-p2.png … for several."""
        files = {}
        warnings = []
        dpi = self.dpi or 96
        for n, page in enumerate(pages, 1):
            width, height = self.measure(page)
            where = self.fit(width, height, page)
            source = export_dot(self.debate, replace(page, pad=0))
            name = target if len(pages) == 1 else _named(target, f"-p{n}")
            files[name], problem = self.png(source, name, width, height, where, dpi)
            warnings += [problem] if problem else []
            warnings += self.too_small(name, n, len(pages), page, where.scale)
        return files, warnings

    def png(
        self, source: str, name: Path, width: float, height: float, where: Fit, dpi: int
    ) -> tuple[bytes, str | None]:
        """A page as a PNG of exactly the paper's size in pixels; Graphviz rounds the
        drawing and the margins to pixels apart, so a pixel it loses is added back."""
        expected = (round(where.width / 72 * dpi), round(where.height / 72 * dpi))
        nudge = (0, 0)
        for _ in range(3):
            settings = png_settings(width, height, where, dpi, nudge)
            data = self.run(source, "png", name, dpi=dpi, settings=settings)
            got = png_size(data)
            if got == expected:
                return data, None
            nudge = (nudge[0] + expected[0] - got[0], nudge[1] + expected[1] - got[1])
        return data, (
            f"{name.name}: Graphviz drew the page {got[0]} x {got[1]} pixels, not the "
            f"{expected[0]} x {expected[1]} of the paper at {dpi} DPI"
        )

    def unit(self) -> str:
        """What a page of this paper is called."""
        return "slide" if self.setup.paper is Paper.SLIDE else "page"

    def too_small(
        self, target: Path, n: int, total: int, page: DiagramOptions, scale: float
    ) -> list[str]:
        size = LOOKS[page.theme].font_size * scale
        if size >= self.setup.min_text - 1e-9:
            return []
        if self.deck:  # every slide of a deck has its own layout
            where = f"{self.unit()} {n} of {total}" if total > 1 else f"its one {self.unit()}"
        elif page.visible is not None:
            where = "every step"
        else:
            where = f"page {n} of {total}" if total > 1 else "its one page"
        return [
            f"{target.name}: {where} prints its text at {size:.1f} pt, below the "
            f"{self.setup.min_text:g} pt asked for (--min-text), because "
            f"{_why(page, self.setup, self.unit(), self.deck)}; nothing was left out. For "
            "larger text "
            f"{_helps(page, self.setup, self.deck)}"
        ]


def _why(page: DiagramOptions, setup: PageSetup, unit: str, deck: bool = False) -> str:
    if setup.max_pages is not None and page.visible is None:
        many = "one page" if setup.max_pages == 1 else f"{setup.max_pages} pages"
        return f"--pages {setup.max_pages} asks for the map on {many} at most"
    if page.visible is not None and not deck:
        return "every step of a reveal has the whole view's layout"
    if page.sheet is not None and page.sheet.key:
        return "an answer key has its worksheet's pages"
    return f"a {unit} cannot show less than an element and the level beneath it"


def _helps(page: DiagramOptions, setup: PageSetup, deck: bool = False) -> str:
    """What to try for larger text: never paper for a slide (a projector has none)."""
    if setup.max_pages is not None and page.visible is None:
        return "allow more --pages"
    helps = []
    if page.visible is not None and page.position is None and not deck:
        helps.append("--position ID with --reveal")
    if setup.paper is not Paper.SLIDE:
        helps.append("--paper a3")
    helps.append("a smaller --wrap")
    if page.rankdir is RankDir.TB:
        helps.append("--rankdir LR")
    return "try " + ", ".join(helps[:-1]) + " or " + helps[-1]


def perspective_notes(debate: Debate, options: DiagramOptions) -> list[str]:
    """What a map drawn ``--as`` an actor should say: that the actor rates nothing, when
    it does not (the statuses and strengths are then the author's)."""
    if options.perspective is None or not (options.status or options.strengths):
        return []
    from argmap.analysis import rates_nothing

    unrated = rates_nothing(debate, options.perspective)
    return [f"{unrated}: the statuses and strengths are the author's"] if unrated else []


def render(
    debate: Debate,
    outputs: list[Path],
    options: DiagramOptions | None = None,
    *,
    split: Split | None = None,
    worksheet: bool = False,
    reveal: Reveal | bool | None = None,
    dpi: int | None = None,
    paper: Paper | None = None,
    orientation: Orientation | None = None,
    min_text: float | None = None,
    max_pages: int | None = None,
    into: dict[Path, bytes] | None = None,
) -> Rendered:
    """Draw the debate into every output file (format from its suffix), all or nothing
    (with ``into``, the files are put there instead, for a caller that writes the files
    of several requests at once, all or nothing: ``build``).

    A ``.pdf`` is on paper: ``paper`` and ``orientation``, or the theme's defaults
    (:func:`page_setup`), split over as many pages as its text needs to print at
    ``min_text`` points or more (or on at most ``max_pages``, the text as large as they
    allow). A ``.png`` is on paper too when ``paper`` or
    ``orientation`` is given (a file per page). With ``reveal``, a ``.pdf`` becomes one
    PDF with a page per step; other formats get one file per step.
    """
    options = options or DiagramOptions()
    check_dpi(dpi)
    setup = page_setup(options.theme, paper, orientation, min_text, max_pages)
    on_paper = paper is not None or orientation is not None  # PNG pages too
    for path in outputs:
        format_of(path)
    if on_paper and not any(format_of(p) in ("pdf", "png") for p in outputs):
        raise UsageError("--paper and --orientation are for .pdf and .png files")
    if max_pages is not None and not any(format_of(p) == "pdf" for p in outputs):
        raise UsageError("--pages is for .pdf files")
    drawings = plan(debate, options, split=split, worksheet=worksheet, reveal=reveal, setup=setup)
    one_pdf = bool(reveal)  # a reveal's steps are the pages of one PDF
    if reveal:  # at 18 pt or more on a slide, in a deck by branch if it must
        from argmap.deck import reveal_setup

        setup = reveal_setup(setup)
    drawer = _Drawer(debate, setup, dpi)
    if reveal:
        from argmap.deck import deck

        order = Reveal.LEVELS if reveal is True else Reveal(reveal)
        steps = deck(debate, options, order, setup, drawer.measure)
        if steps is None:
            drawings = _caption_steps(drawer, drawings)
        else:
            drawings = [Drawing(f"-step{n}", step) for n, step in enumerate(steps, 1)]
            drawer.deck = True
    by_suffix = {d.suffix: d for d in drawings}

    def name_of(path: Path, drawing: Drawing) -> Path:
        return path if one_pdf and format_of(path) == "pdf" else _named(path, drawing.suffix)

    guard_outputs(dict.fromkeys(name_of(p, d) for p in outputs for d in drawings), input_of(debate))
    files: dict[Path, bytes] = {}
    warnings: list[str] = perspective_notes(debate, options)
    svgs: dict[str, bytes] = {}
    for path in outputs:
        fmt = format_of(path)
        if fmt == "pdf" and one_pdf:
            pages = [page for d in drawings for page in drawer.pages(d, by_suffix)]
            files[path], said = drawer.pdf(pages, path)
            warnings += said if drawer.deck else said[:1]  # else one layout: one says it
            continue
        for drawing in drawings:
            target = name_of(path, drawing)
            if fmt == "dot":
                files[target] = export_dot(debate, drawing.options).encode("utf-8")
            elif fmt == "pdf":
                files[target], said = drawer.pdf(drawer.pages(drawing, by_suffix), target)
                warnings += said
            elif fmt == "png" and on_paper:
                pngs, said = drawer.pngs(drawer.pages(drawing, by_suffix), target)
                files |= pngs
                warnings += said
            elif fmt == "svg":
                if drawing.suffix not in svgs:  # one layout per drawing, however many SVGs
                    source = export_dot(debate, drawing.options)
                    svgs[drawing.suffix] = drawer.run(source, "svg", target)
                # a reveal's later steps are not in it at all: dot leaves invisible nodes out
                files[target] = accessible_svg(svgs[drawing.suffix], debate, drawing.options.blank)
                warnings += _screen_warning(drawer, drawing, target, svgs[drawing.suffix])
            else:
                source = export_dot(debate, drawing.options)
                files[target] = drawer.run(source, fmt, target, dpi=dpi)
    guard_outputs(files, input_of(debate))  # page files are named only once drawn
    if into is None:
        write_files(files, inputs=input_of(debate))
    else:
        into |= files
    return Rendered(tuple(files), (*drawer.said, *dict.fromkeys(warnings)))


def _screen_warning(drawer: _Drawer, drawing: Drawing, target: Path, svg: bytes) -> list[str]:
    """A warning for an SVG that would print too small on one page of the paper: a
    screen drawing is not split, but whoever prints it should know."""
    options = drawing.options
    if options.visible is not None and drawing.suffix != "-step1":
        return []  # every step has the first's layout: one warning says it
    width, height = svg_size(svg)
    where = fit(width, height, drawer.setup)
    size = LOOKS[options.theme].font_size * where.scale
    if size >= drawer.setup.min_text - 1e-9:
        return []
    paper = drawer.setup.paper
    sheet = "a slide" if paper is Paper.SLIDE else f"one {paper.value.upper()} page"
    return [
        f"{target.name}: printed on {sheet} its text would be {size:.1f} pt, below "
        f"{drawer.setup.min_text:g} pt; nothing was left out. To print it, write a .pdf: it is "
        "split over pages that print readably"
    ]


def _caption_steps(drawer: _Drawer, steps: list[Drawing]) -> list[Drawing]:
    """A reveal's steps with a caption large enough to read on the page: at least
    :data:`SLIDE_CAPTION` points on a slide (the back of a room), :data:`PAPER_CAPTION`
    on paper. Every step has the same layout, so one measure serves all."""
    target = SLIDE_CAPTION if drawer.setup.paper is Paper.SLIDE else PAPER_CAPTION
    first = steps[0].options
    size = LOOKS[first.theme].font_size
    for _ in range(4):  # a larger caption can widen the drawing: settle in a few rounds
        width, height = drawer.measure(replace(first, caption_size=size))
        scale = fit(width, height, drawer.setup).scale
        if size * scale >= target - 1e-6:
            break
        size = math.ceil(target / scale)  # whole points: Graphviz sets no fractions
    return [replace(d, options=replace(d.options, caption_size=size)) for d in steps]


def draw(
    debate: Debate,
    fmt: str,
    options: DiagramOptions | None = None,
    *,
    dpi: int | None = None,
    paper: Paper | None = None,
    orientation: Orientation | None = None,
    min_text: float | None = None,
    max_pages: int | None = None,
    warn: Callable[[str], None] | None = None,
) -> bytes:
    """One map in one format, as bytes (for standard output); ``warn`` hears what
    Graphviz warned of (a bitmap it had to scale down, say). A PDF is on paper, split
    over pages as :func:`render` splits it; a PNG is on paper if ``paper`` or
    ``orientation`` is given, and then must fit one page."""
    options = options or DiagramOptions()
    check_options(debate, options)
    check_dpi(dpi)
    if warn is not None:
        for note in perspective_notes(debate, options):
            warn(note)
    if fmt == "dot":
        return export_dot(debate, options).encode("utf-8")
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: use dot, svg, png or pdf")
    setup = page_setup(options.theme, paper, orientation, min_text, max_pages)
    if fmt == "pdf" or (fmt == "png" and (paper is not None or orientation is not None)):
        drawer = _Drawer(debate, setup, dpi)
        drawing = Drawing("", options)
        pages = drawer.pages(drawing, {"": drawing})
        stdout = Path("standard output")
        if fmt == "pdf":
            data, said = drawer.pdf(pages, stdout)
        else:
            if len(pages) > 1:
                raise UsageError(
                    f"the map needs {len(pages)} pages of PNG, and standard output takes one "
                    "file: write them with -o NAME.png (NAME-p1.png, NAME-p2.png …)"
                )
            pngs, said = drawer.pngs(pages, stdout)
            data = pngs[stdout]
        if warn is not None:
            for warning in [*drawer.said, *said]:
                warn(warning)
        return data
    source = export_dot(debate, options)
    drawing_bytes = run_dot(source, fmt, dpi=dpi, describe=describer(debate), warn=warn)
    if fmt == "svg":
        return accessible_svg(drawing_bytes, debate, options.blank)
    return drawing_bytes
