"""Diagrams of a debate as files: one map, a map per position, a worksheet with its answer
key, or a step-by-step reveal, in DOT, SVG, PNG or PDF.

:func:`plan` decides which drawings a request makes and what each file is called;
:func:`render` lays them out with ``dot`` and writes them all at once, or nothing.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from argmap.diagnostics import closest
from argmap.errors import UsageError
from argmap.exporters.dot import export_dot
from argmap.exporters.options import BriefFormat, DiagramOptions, RankDir, Split
from argmap.exporters.style import LOOKS
from argmap.exporters.svg import accessible_svg
from argmap.index import index
from argmap.io.debate_file import input_of
from argmap.io.files import guard_outputs, write_files
from argmap.model import Debate
from argmap.render import FORMATS, printed_font_size, run_dot

SUFFIX_FORMATS: Final = {".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".pdf": "pdf"}
ASSETS: Final = ("brief.html.j2", "brief.css", "brief.js")
"""The files of a template folder that a brief reads by name."""
MAX_WRAP: Final = 200
MIN_DPI: Final = 10
MAX_DPI: Final = 1200
"""PNG resolutions argmap accepts; beyond them Graphviz clamps or scales the bitmap."""
READABLE_POINTS: Final = 6.0
"""Printed text smaller than this (in points, on A4) is too small to read comfortably."""


@dataclass(frozen=True)
class Drawing:
    """One diagram to draw: a name to add to the output file's stem, and its options."""

    suffix: str
    options: DiagramOptions


@dataclass(frozen=True)
class Rendered:
    """What a render wrote, and what the reader should know about it."""

    written: tuple[Path, ...]
    warnings: tuple[str, ...]


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
    for ident in options.blank:
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
    """The ids a ``--blank`` value names: ``all``, ``counterarguments`` or a list of ids."""
    if spec == "all":
        return frozenset([p.id for p in debate.positions] + [a.id for a in debate.arguments])
    argument_ids = {a.id for a in debate.arguments}
    if spec == "counterarguments":
        return frozenset(
            a.id
            for a in debate.arguments
            if a.undercuts or any(t in argument_ids for t in a.attacks)
        )
    return frozenset(part.strip() for part in spec.split(",") if part.strip())


def plan(
    debate: Debate,
    options: DiagramOptions,
    *,
    split: Split | None = None,
    worksheet: bool = False,
    reveal: bool = False,
) -> list[Drawing]:
    """The drawings a request makes, each with the suffix its file name gets."""
    check_options(debate, options)
    if worksheet and not options.blank:
        options = replace(options, blank=blank_ids(debate, "counterarguments"))
    if worksheet:
        sheet = replace(options, caption="Worksheet: fill in the blank boxes")
        key = replace(options, blank=frozenset(), caption="Answer key")
        return [Drawing("", sheet), Drawing("-key", key)]
    if split is Split.POSITIONS:
        tree = index(debate).tree
        drawings = [Drawing("-overview", replace(options, max_level=2, caption="Overview"))]
        for p in debate.positions:
            number = tree.numbers[p.id]
            drawings.append(Drawing(f"-{number}-{p.id}", replace(options, position=p.id)))
        return drawings
    if reveal:
        tree = index(debate).tree
        levels = max(tree.depth(i) for i in tree.numbers)
        return [
            Drawing(f"-step{n}", replace(options, max_level=n, caption=f"Step {n} of {levels}"))
            for n in range(1, levels + 1)
        ]
    return [Drawing("", options)]


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


def render(
    debate: Debate,
    outputs: list[Path],
    options: DiagramOptions | None = None,
    *,
    split: Split | None = None,
    worksheet: bool = False,
    reveal: bool = False,
    dpi: int | None = None,
) -> Rendered:
    """Draw the debate into every output file (format from its suffix), all or nothing.

    With ``reveal``, a ``.pdf`` output becomes one PDF with a page per step; other formats
    get one file per step.
    """
    options = options or DiagramOptions()
    check_dpi(dpi)
    drawings = plan(debate, options, split=split, worksheet=worksheet, reveal=reveal)
    for path in outputs:
        format_of(path)
    names = [
        path if (reveal and format_of(path) == "pdf") else _named(path, d.suffix)
        for path in outputs
        for d in drawings
    ]
    guard_outputs(dict.fromkeys(names), input_of(debate))  # before any work is done
    files: dict[Path, bytes] = {}
    warnings: list[str] = []
    sources = {d.suffix: export_dot(debate, d.options) for d in drawings}
    svgs: dict[str, bytes] = {}
    describe = describer(debate)
    said: dict[str, None] = {}  # what dot warned of, once each, in order
    for path in outputs:
        fmt = format_of(path)
        if fmt == "pdf" and reveal:
            pages = [
                run_dot(sources[d.suffix], "pdf", describe=describe, warn=_noting(said, path))
                for d in drawings
            ]
            files[path] = _merge_pdfs(pages)
            continue
        for drawing in drawings:
            target = _named(path, drawing.suffix)
            if fmt == "dot":
                files[target] = sources[drawing.suffix].encode("utf-8")
            elif fmt == "svg":
                if drawing.suffix not in svgs:  # one layout per drawing, however many SVGs
                    svgs[drawing.suffix] = run_dot(
                        sources[drawing.suffix],
                        "svg",
                        describe=describe,
                        warn=_noting(said, target),
                    )
                files[target] = accessible_svg(svgs[drawing.suffix], debate, drawing.options.blank)
            else:
                files[target] = run_dot(
                    sources[drawing.suffix],
                    fmt,
                    dpi=dpi,
                    describe=describe,
                    warn=_noting(said, target),
                )
    warnings += said
    if any(format_of(p) != "dot" for p in outputs):
        warnings += _readability(debate, drawings, sources, svgs, outputs)
    write_files(files, inputs=input_of(debate))
    return Rendered(tuple(files), tuple(warnings))


def draw(
    debate: Debate,
    fmt: str,
    options: DiagramOptions | None = None,
    *,
    dpi: int | None = None,
    warn: Callable[[str], None] | None = None,
) -> bytes:
    """One map in one format, as bytes (for standard output); ``warn`` hears what
    Graphviz warned of (a bitmap it had to scale down, say)."""
    options = options or DiagramOptions()
    check_options(debate, options)
    check_dpi(dpi)
    source = export_dot(debate, options)
    if fmt == "dot":
        return source.encode("utf-8")
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: use dot, svg, png or pdf")
    drawing = run_dot(source, fmt, dpi=dpi, describe=describer(debate), warn=warn)
    return accessible_svg(drawing, debate, options.blank) if fmt == "svg" else drawing


def _readability(
    debate: Debate,
    drawings: list[Drawing],
    sources: dict[str, str],
    svgs: dict[str, bytes],
    outputs: list[Path],
) -> list[str]:
    """A warning for each drawing whose text would print too small on one A4 page."""
    warnings = []
    for drawing in drawings:
        svg = svgs.get(drawing.suffix) or run_dot(
            sources[drawing.suffix], "svg", describe=describer(debate)
        )
        size = printed_font_size(svg, LOOKS[drawing.options.theme].font_size)
        if size < READABLE_POINTS:
            drawn = [p for p in outputs if format_of(p) != "dot"] or outputs
            name = _named(drawn[0], drawing.suffix).name
            options = drawing.options
            helps = ["--focus ID --depth 2"]
            if options.position is None and options.max_level is None:
                helps.insert(0, "--split positions")
            if options.rankdir is RankDir.TB:
                helps.append("--rankdir LR")
            warnings.append(
                f"{name}: on one A4 page its text would print at {size:.1f} pt, too small to "
                f"read; nothing was left out, but for paper try {' or '.join(helps)}"
            )
    return warnings


def _merge_pdfs(pages: list[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter  # only the PDF reveal needs it

    writer = PdfWriter()
    for page in pages:
        for sheet in PdfReader(io.BytesIO(page)).pages:
            writer.add_page(sheet)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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


def write_brief(
    debate: Debate,
    output: Path,
    fmt: BriefFormat | None = None,
    *,
    template_dir: Path | None = None,
) -> Rendered:
    """Write the debate's brief: one self-contained HTML file with the map inside, or
    Markdown with the map as an SVG file beside it (NAME.svg). All files or none."""
    from argmap.exporters.brief import export_html
    from argmap.exporters.brief_markdown import export_markdown
    from argmap.exporters.templates import TemplateFolder

    if fmt is None:
        fmt = BriefFormat.MD if output.suffix.lower() in (".md", ".markdown") else BriefFormat.HTML
    folder = None
    if template_dir is not None:
        folder = TemplateFolder(template_dir)
        if not folder.has("brief.html.j2"):
            raise UsageError(f"--template {template_dir}: the folder has no brief.html.j2")
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
    svg = draw(debate, "svg") if note is None else None
    if fmt is BriefFormat.MD:
        text = export_markdown(debate, map_path.name if svg else None, note)
        files = {output: text.encode("utf-8")}
        if svg is not None:
            files[map_path] = svg
    else:
        html = export_html(debate, svg, template_dir=folder, map_note=note)
        files = {output: html.encode("utf-8")}
        inputs += folder.read_files if folder is not None else []
    write_files(files, inputs=inputs)
    return Rendered(tuple(files), ())
