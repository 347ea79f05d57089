"""A debate's brief as a file: HTML, Markdown, PDF (the HTML printed by Chromium) or Word,
all or nothing; and the map a printed brief shows (:func:`paper_map`).

The brief's content is :func:`argmap.exporters.brief.brief_view`; this module draws its
map, checks the request (``--paper``, ``--template``, Chromium) before any work, and
writes the files.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Final

from argmap.diagnostics import first_few
from argmap.diagrams import Rendered, _Drawer, draw, page_setup
from argmap.errors import UsageError
from argmap.exporters.dot import export_dot
from argmap.exporters.options import BriefFormat, DiagramOptions
from argmap.exporters.style import LOOKS, Theme
from argmap.exporters.template_limits import TemplateLimits
from argmap.graphviz import side_by_side
from argmap.io.debate_file import input_of
from argmap.io.files import guard_outputs, write_files
from argmap.model import Debate
from argmap.paper import Orientation, Paper, png_size

if TYPE_CHECKING:
    from argmap.diffing import Changes
    from argmap.exporters.templates import TemplateFolder

ASSETS: Final = ("brief.html.j2", "brief.css", "brief.js")
"""The files of a template folder that a brief reads by name."""


BRIEF_MAP_LIMIT: Final = 200
"""The most arguments a brief draws as one map; past it the map could not be read (the
Hikvision map of 19 prints at 6 pt on A4) and would cost more than the brief."""


def _map_note(debate: Debate) -> str | None:
    """Why a brief does not draw the whole map, and how to draw it in parts; None if it does."""
    n = len(debate.arguments)
    if n <= BRIEF_MAP_LIMIT:
        return None
    return (
        f"This debate has {n:,} arguments: drawn as one map it could not be read, so it is "
        "not drawn here. Draw an option's branch with 'argmap render DEBATE --position ID "
        "-o NAME.svg', or every option's with '--split positions'; the outline below has "
        "every argument."
    )


BRIEF_MAP_PAGES: Final = 3
"""The most pages a brief's map takes on paper: the brief's texts are in its Options, and
the whole map prints with ``argmap render``."""
BRIEF_MAP_MARGIN: Final = 60.0
"""The margin, in points, a brief's map page is planned with: room for the appendix's
heading and note above the first page within the brief's own page margins."""


@dataclass(frozen=True)
class PaperMap:
    """A brief's map on paper: its pages (views), what they leave out, and their drawer."""

    views: list[DiagramOptions]
    note: str
    drawer: _Drawer

    def drawings(self, debate: Debate, fmt: str, dpi: int | None = None) -> list[bytes]:
        """Each page's drawing alone, without margins, in ``fmt`` (``svg`` or ``png``)."""
        return [
            self.drawer.run(
                export_dot(debate, replace(view, pad=0)),
                fmt,
                Path(f"brief-map.{fmt}"),
                dpi=dpi,
                settings={"margin": "0"},
            )
            for view in self.views
        ]


def paper_map(debate: Debate, paper: Paper = Paper.A4) -> PaperMap:
    """The map a printed brief shows: every element as its number, marker and title
    (their texts are in the brief's Options), drawn at the size it prints (never scaled
    down, so its smallest text, 9 pt, prints at 9 pt), on portrait pages; in at most
    :data:`BRIEF_MAP_PAGES`, else its first two levels, else its options alone; and a
    note that says which. Its boxes are wrapped as the brief's map on screen wraps them,
    so a reader finds the same boxes in both (a printed map also tries other wraps, to
    fit fewer pages: for a brief's map that tripled the pages laid out, and changed no
    example's pages)."""
    from argmap.pagination import paginate

    look = LOOKS[Theme.DEFAULT]
    setup = replace(
        page_setup(Theme.DEFAULT, paper, Orientation.PORTRAIT, min_text=look.font_size),
        margin=BRIEF_MAP_MARGIN,
    )
    drawer = _Drawer(debate, setup, None)
    n = len(debate.arguments)

    def view(level: int | None) -> DiagramOptions:
        return DiagramOptions(titles_only=True, max_level=level, legend=level != 1, fixed_wrap=True)

    def within(level: int | None) -> list[DiagramOptions] | None:
        return paginate(debate, view(level), setup, drawer.measure, BRIEF_MAP_PAGES)

    # the whole map and its first two levels planned side by side (a core each: the
    # second is needed whenever the first takes too many pages), each only until it
    # is known to take too many; the options alone, however many pages, if both do
    whole_map, two_levels = side_by_side([partial(within, None), partial(within, 2)])
    level: int | None
    if whole_map is not None:
        level, views = None, whole_map
    elif two_levels is not None:
        level, views = 2, two_levels
    else:
        level, views = 1, paginate(debate, view(1), setup, drawer.measure)
    whole = "argmap render DEBATE -o map.pdf prints the whole map with its texts"
    if level is None:
        note = f"The map of the {n} arguments by number, kind and title; {whole}."
    elif level == 2:
        note = (
            f"The map's first two levels (the options and the arguments about them), by "
            f"number, kind and title; the rest is in Options above, and {whole}."
        )
    else:
        note = f"The question and the options; every argument is in Options above, and {whole}."
    return PaperMap(views, note, drawer)


WORD_DPI: Final = 200
"""The resolution of the map's pictures in a Word brief."""


def word_brief(debate: Debate, paper: Paper | None = None, since: Changes | None = None) -> bytes:
    """The brief as a Word document (:mod:`argmap.exporters.brief_docx`), the map as the
    pictures of its printed pages (:func:`paper_map`), each at the size it prints."""
    from argmap.exporters.brief_docx import export_docx

    paper = paper or Paper.A4
    note = _map_note(debate)
    if note is not None:
        return export_docx(debate, (), note, paper, since)
    drawn = paper_map(debate, paper)
    pictures = []
    for png in drawn.drawings(debate, "png", WORD_DPI):
        width, height = png_size(png)  # at its size on paper: pixels at WORD_DPI
        pictures.append((png, width * 72 / WORD_DPI, height * 72 / WORD_DPI))
    return export_docx(debate, pictures, drawn.note, paper, since)


def map_pages(debate: Debate, paper: Paper = Paper.A4) -> list[bytes]:
    """The map a printed brief shows (:func:`paper_map`), one SVG per page."""
    return paper_map(debate, paper).drawings(debate, "svg")


def _brief_setup(
    fmt: BriefFormat,
    paper: Paper | None,
    template_dir: Path | None,
    pdf_how: str,
    limits: TemplateLimits | None = None,
) -> tuple[str | None, TemplateFolder | None]:
    """Everything a brief request can be refused for, before any work: ``--paper``
    without PDF (``pdf_how`` says how to ask for one), a missing Chromium, a template
    folder without its template. Gives the PDF's ``@page`` rule and the folder."""
    from argmap.exporters.templates import TemplateFolder

    if paper is not None and fmt not in (BriefFormat.PDF, BriefFormat.DOCX):
        raise UsageError(f"--paper is for a brief printed to PDF ({pdf_how}) or Word (.docx)")
    if template_dir is not None and fmt is BriefFormat.DOCX:
        raise UsageError("--template is for HTML and PDF briefs: a Word brief has Word's styles")
    rule = None
    if fmt is BriefFormat.PDF:
        from argmap.exporters.brief_pdf import browser, page_rule

        rule = page_rule(paper or Paper.A4)
        browser()  # say it is missing before any work is done
    folder = None
    if template_dir is not None:
        folder = TemplateFolder(template_dir, limits or TemplateLimits())
        if not folder.has("brief.html.j2"):
            raise UsageError(f"--template {template_dir}: the folder has no brief.html.j2")
    return rule, folder


def _html_or_pdf(
    debate: Debate,
    fmt: BriefFormat,
    svg: bytes | None,
    note: str | None,
    folder: TemplateFolder | None,
    rule: str | None,
    paper: Paper | None,
    since: Changes | None = None,
) -> tuple[bytes, tuple[str, ...]]:
    """The HTML brief, with the map's printed pages when the map is drawn, as bytes; or
    that HTML printed to PDF. With a template folder, a warning when its page asks for
    files or addresses outside the brief (a PDF loads none of them; a browser may)."""
    from argmap.exporters.brief import export_html
    from argmap.exporters.brief_pdf import outside_references

    pages: list[bytes] = []
    paper_note = None
    if svg is not None:
        drawn = paper_map(debate, paper or Paper.A4)
        paper_note = drawn.note
        pages = drawn.drawings(debate, "svg")
    html = export_html(
        debate,
        svg,
        template_dir=folder,
        map_note=note,
        page_rule=rule,
        map_pages=pages,
        paper_note=paper_note,
        since=since,
    )
    warnings: tuple[str, ...] = ()
    outside = outside_references(html) if folder is not None else []
    if folder is not None and outside:
        shown = first_few([f"'{u[:80]}'" for u in outside], 3)
        what = (
            "the PDF was printed without them: argmap's printing loads nothing"
            if fmt is BriefFormat.PDF
            else "a browser that opens the brief may load them, and a PDF printed by argmap "
            "would not"
        )
        warnings = (
            f"--template {folder.path}: the page asks for {len(outside)} thing"
            f"{'s' if len(outside) > 1 else ''} outside the brief ({shown}); {what}",
        )
    if fmt is BriefFormat.PDF:
        from argmap.exporters.brief_pdf import print_pdf

        return print_pdf(html, paper or Paper.A4), warnings
    return html.encode("utf-8"), warnings


def brief_data(
    debate: Debate,
    fmt: BriefFormat,
    *,
    template_dir: Path | None = None,
    paper: Paper | None = None,
    template_limits: TemplateLimits | None = None,
    since: Changes | None = None,
) -> tuple[bytes, tuple[str, ...]]:
    """The brief as :func:`write_brief` writes it, for standard output: HTML, Markdown
    (without the map, which cannot be placed beside standard output: it says how to draw
    it) or PDF; and the warnings of :func:`write_brief`."""
    rule, folder = _brief_setup(fmt, paper, template_dir, "--format pdf", template_limits)
    if fmt is BriefFormat.DOCX:
        return word_brief(debate, paper, since), ()
    if fmt is BriefFormat.MD:
        from argmap.exporters.brief_markdown import export_markdown

        said = "A brief written to standard output has no map beside it: draw it with "
        said += "'argmap render DEBATE -o map.svg'."
        return export_markdown(debate, None, said, since).encode("utf-8"), ()
    note = _map_note(debate)
    svg = draw(debate, "svg") if note is None else None
    return _html_or_pdf(debate, fmt, svg, note, folder, rule, paper, since)


def write_brief(
    debate: Debate,
    output: Path,
    fmt: BriefFormat | None = None,
    *,
    template_dir: Path | None = None,
    paper: Paper | None = None,
    template_limits: TemplateLimits | None = None,
    since: Changes | None = None,
    into: dict[Path, bytes] | None = None,
) -> Rendered:
    """Write the debate's brief (with ``into``: put its files there, as
    :func:`argmap.diagrams.render` does): one self-contained HTML file with the map inside,
    Markdown with the map as an SVG file beside it (NAME.svg), or the HTML printed to
    PDF by headless Chromium on ``paper`` (A4 unless told). All files or none. With
    ``since`` (:func:`argmap.diffing.diff` of an earlier version and this one), the brief
    says near its top what changed since."""
    if fmt is None:
        suffix = output.suffix.lower()
        fmt = {
            ".md": BriefFormat.MD,
            ".markdown": BriefFormat.MD,
            ".pdf": BriefFormat.PDF,
            ".docx": BriefFormat.DOCX,
        }.get(suffix, BriefFormat.HTML)
    rule, folder = _brief_setup(fmt, paper, template_dir, "-o NAME.pdf", template_limits)
    inputs = list(input_of(debate))
    if folder is not None:
        from argmap.io.files import InputFile

        inputs += [InputFile(str(folder.path / name)) for name in ASSETS if folder.has(name)]
    if fmt is BriefFormat.MD:
        map_path = output.with_suffix(".svg")
        if map_path == output:
            raise UsageError(
                f"'{output}': a Markdown brief's map is written beside it as NAME.svg; "
                "name the brief NAME.md"
            )
        targets = [output, map_path]
    else:
        targets = [output]
    guard_outputs(targets, inputs)  # before any work is done
    note = _map_note(debate)
    svg = draw(debate, "svg") if note is None and fmt is not BriefFormat.DOCX else None
    if fmt is BriefFormat.MD:
        from argmap.exporters.brief_markdown import export_markdown

        text = export_markdown(debate, map_path.name if svg else None, note, since)
        files = {output: text.encode("utf-8")}
        if svg is not None:
            files[map_path] = svg
    warnings: tuple[str, ...] = ()
    if fmt is BriefFormat.DOCX:
        files = {output: word_brief(debate, paper, since)}
    elif fmt is not BriefFormat.MD:
        made, warnings = _html_or_pdf(debate, fmt, svg, note, folder, rule, paper, since)
        files = {output: made}
        inputs += folder.read_files if folder is not None else []
    if into is None:
        write_files(files, inputs=inputs)
    else:
        into |= files
    return Rendered(tuple(files), warnings)
