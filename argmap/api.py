"""The library's entry points: load, check and write debates.

Thin functions over :mod:`argmap.io` and :mod:`argmap.validate`; the CLI calls these
and nothing else.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, overload

from argmap._gc import collector_paused as _collector_paused
from argmap.diagnostics import Report, Severity, first_few
from argmap.errors import ArgmapError, DebateError, KeepError, UsageError
from argmap.exporters.style import Theme
from argmap.io.debate_file import (
    SUFFIXES,
    Format,
    Loaded,
    canonical_data,
    dump_debate,
    format_for,
    input_of,
    read_path,
    read_text,
)
from argmap.io.files import InputFile, guard_outputs, write_files
from argmap.io.source_map import SourceMap
from argmap.model import ELEMENT_LISTS, Debate
from argmap.quotes import verify
from argmap.validate import check_elements

if TYPE_CHECKING:
    from argmap.diagrams import Rendered
    from argmap.diffing import Changes
    from argmap.exporters.options import DiagramOptions
    from argmap.io.yaml_source import Comment
    from argmap.paper import Paper


def _report(loaded: Loaded, *, allow_outside: bool = False, quotes: bool = True) -> Report:
    """Everything wrong with a loaded file; with ``quotes``, its quotations are checked
    against the sources' files (``fmt`` and ``convert``, which change only the form of a
    file, leave them out)."""
    diagnostics = list(loaded.diagnostics)
    counts = (0, 0, 0)
    if loaded.elements:
        found = check_elements(
            loaded.elements,
            loaded.source_map,
            broken_ids=loaded.broken_ids,
            file=loaded.file,
            criteria=loaded.criteria,
            date=loaded.date,
            header=loaded.header,
            unchecked=loaded.unchecked,
        )
        if loaded.debate is None:
            # Some elements were left out as invalid: advice about what is missing or
            # unused would be misleading, but structural errors among the rest are real.
            found = [d for d in found if d.severity is Severity.ERROR]
        diagnostics += found
    if loaded.elements and quotes and loaded.input is not None:
        # sources' files are named relative to the debate file: text read from no file
        # (loads) has no folder to find them in, and its quotes are not checked
        folder = Path(loaded.file).parent
        checked = verify(
            loaded.elements,
            loaded.source_map,
            file=loaded.file,
            folder=folder,
            allow_outside=allow_outside,
        )
        diagnostics += checked.diagnostics
        counts = checked.counts
        if loaded.debate is not None:
            loaded.debate._quotes = checked
    return Report.of(diagnostics, [loaded.file], counts)


def _debate_or_raise(loaded: Loaded, *, allow_outside: bool = False, quotes: bool = True) -> Debate:
    report = _report(loaded, allow_outside=allow_outside, quotes=quotes)
    if report.failed() or loaded.debate is None:
        raise DebateError(report)
    return loaded.debate


def load(path: str | os.PathLike[str], *, allow_outside: bool = False) -> Debate:
    """Read a debate file (YAML or JSON, told by suffix and content).

    Raises :class:`DebateError` with every located diagnostic when the file has errors;
    warnings do not stop loading (see :func:`check` for them). Quotations are checked
    against their sources' files, which must lie in the debate's folder unless
    ``allow_outside``.
    """
    with _collector_paused():
        return _debate_or_raise(read_path(path), allow_outside=allow_outside)


def loads(text: str, format: Format = "yaml", *, name: str = "<string>") -> Debate:
    """Read a debate from text in ``format`` (``"yaml"`` or ``"json"``); ``name`` locates it.
    Its quotes are not checked against its sources' files: text from no file has no
    folder to find them in (:func:`load` checks them)."""
    if format not in ("yaml", "json"):
        raise UsageError(f"unknown format {format!r}: use 'yaml' or 'json'")
    with _collector_paused():
        return _debate_or_raise(read_text(text, format, name))


def load_version(name: str | os.PathLike[str], *, allow_outside: bool = False) -> Debate:
    """Read a debate from a file, or from a git repository as ``REV:path``
    (``HEAD~1:debates/x.yaml``) when no file has that name. A version read from git has
    no folder of sources beside it: its quotations are not checked."""
    from argmap.io.git import is_revision, read_revision

    text = os.fspath(name)
    if not is_revision(text):
        return load(name, allow_outside=allow_outside)
    data = read_revision(text)
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"'{text}' is not UTF-8 text") from None
    with _collector_paused():
        return _debate_or_raise(read_text(decoded, format_for(text, decoded), text), quotes=False)


def diff(
    old: Debate | str | os.PathLike[str],
    new: Debate | str | os.PathLike[str],
    *,
    allow_outside: bool = False,
) -> Changes:
    """What changed from ``old`` to ``new``: debates, files, or ``REV:path`` versions in
    git (see :mod:`argmap.diffing`)."""
    from argmap.diffing import diff as compare

    versions = []
    for given, default in ((old, "old"), (new, "new")):
        if isinstance(given, Debate):
            versions.append((given, default))
        else:
            versions.append((load_version(given, allow_outside=allow_outside), os.fspath(given)))
    (one, one_name), (two, two_name) = versions
    return compare(one, two, old_name=one_name, new_name=two_name)


def _debate(target: Debate | str | os.PathLike[str], allow_outside: bool) -> Debate:
    return target if isinstance(target, Debate) else load(target, allow_outside=allow_outside)


@overload
def render(
    debate: Debate | str | os.PathLike[str],
    output: None = None,
    *,
    format: str = "svg",
    options: DiagramOptions | None = None,
    paper: Paper | None = None,
    allow_outside: bool = False,
) -> bytes: ...
@overload
def render(
    debate: Debate | str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    format: str = "svg",
    options: DiagramOptions | None = None,
    paper: Paper | None = None,
    allow_outside: bool = False,
) -> Rendered: ...
def render(
    debate: Debate | str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    format: str = "svg",
    options: DiagramOptions | None = None,
    paper: Paper | None = None,
    allow_outside: bool = False,
) -> bytes | Rendered:
    """Draw a debate's map (a debate or its file): into ``output`` (its format told by
    its suffix: .svg, .png, .pdf, .dot; a PDF on ``paper``, over as many pages as it
    needs), giving what was written and the warnings; or, without ``output``, as the
    bytes of one drawing in ``format`` (svg, png, pdf or dot). ``options`` choose what
    to draw and how (:class:`argmap.exporters.options.DiagramOptions`)."""
    from argmap.diagrams import draw
    from argmap.diagrams import render as write

    chosen = _debate(debate, allow_outside)
    if output is None:
        return draw(chosen, format, options, paper=paper)
    return write(chosen, [Path(output)], options, paper=paper)


@overload
def brief(
    debate: Debate | str | os.PathLike[str],
    output: None = None,
    *,
    format: str = "html",
    paper: Paper | None = None,
    since: Debate | str | os.PathLike[str] | None = None,
    allow_outside: bool = False,
) -> bytes: ...
@overload
def brief(
    debate: Debate | str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    format: str | None = None,
    paper: Paper | None = None,
    since: Debate | str | os.PathLike[str] | None = None,
    allow_outside: bool = False,
) -> Rendered: ...
def brief(
    debate: Debate | str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    format: str | None = None,
    paper: Paper | None = None,
    since: Debate | str | os.PathLike[str] | None = None,
    allow_outside: bool = False,
) -> bytes | Rendered:
    """An analyst's brief of a debate (a debate or its file): written to ``output``
    (HTML, Markdown with the map beside it, PDF or Word, told by its suffix), giving what
    was written and the warnings; or, without ``output``, its bytes in ``format`` (html,
    md, pdf or docx). ``since``: an earlier version (a debate, a file or ``REV:path``),
    whose changes the brief says near its top."""
    from argmap.briefing import brief_data, write_brief
    from argmap.exporters.options import BriefFormat

    chosen = _debate(debate, allow_outside)
    name = "new" if isinstance(debate, Debate) else os.fspath(debate)
    changes = changes_since(since, chosen, name) if since is not None else None
    kind = BriefFormat(format) if format is not None else None
    if output is None:
        return brief_data(chosen, kind or BriefFormat.HTML, paper=paper, since=changes)[0]
    return write_brief(chosen, Path(output), kind, paper=paper, since=changes)


def changes_since(
    old: Debate | str | os.PathLike[str], new: Debate, new_name: str = "new"
) -> Changes:
    """What changed from ``old`` (a debate, a file or ``REV:path``) to ``new``: what
    ``brief --since`` says."""
    from argmap.diffing import diff as compare

    if isinstance(old, Debate):
        return compare(old, new, new_name=new_name)
    return compare(load_version(old), new, old_name=os.fspath(old), new_name=new_name)


def check(target: Debate | str | os.PathLike[str], *, allow_outside: bool = False) -> Report:
    """Every problem in a debate or debate file, located, with codes and hints.

    Never raises for bad content: the report says what is wrong. A :class:`Debate` that
    was loaded from a file is located in that file; one built in code by data path.
    """
    if isinstance(target, Debate):
        origin = target._origin
        source_map = origin if isinstance(origin, SourceMap) else None
        file = source_map.file if source_map else f"<{target.id}>"
        elements = {name: list(enumerate(getattr(target, name))) for name in ELEMENT_LISTS}
        with _collector_paused():
            header = {k: getattr(target, k) for k in type(target).model_fields}
            found = check_elements(
                elements,
                source_map,
                file=file,
                criteria=target.criteria,
                date=target.date,
                header={k: v for k, v in header.items() if k not in ELEMENT_LISTS},
            )
            read_from = target._input
            if not isinstance(read_from, InputFile):  # built in code: no folder for files
                return Report.of(found, [file])
            checked = verify(
                elements,
                source_map,
                file=file,
                folder=Path(read_from.name).parent,
                allow_outside=allow_outside,
            )
            target._quotes = checked
            return Report.of([*found, *checked.diagnostics], [file], checked.counts)
    with _collector_paused():
        return _report(read_path(target), allow_outside=allow_outside)


def check_and_load(
    path: str | os.PathLike[str], *, allow_outside: bool = False
) -> tuple[Report, Debate | None]:
    """One read of a debate file for both :func:`check` and :func:`load`: its report,
    and the debate when the report has no error (else None). For a caller that shows
    the problems and then draws (``argmap serve``): the file read and checked once."""
    report, read = report_and_elements(path, allow_outside=allow_outside)
    return report, read[0] if read is not None else None


def report_and_elements(
    path: str | os.PathLike[str], *, allow_outside: bool = False
) -> tuple[Report, tuple[Debate | None, dict[str, list[tuple[int, Any]]]] | None]:
    """One read of a debate file: its report, and what could be read of it (the debate
    when it has no error, and every element valid on its own); None when nothing could
    (a file that cannot be read or parsed). For a caller that uses what it can of a
    file with errors (``argmap grade`` marks a student's map that has some)."""
    with _collector_paused():
        loaded = read_path(path)
        report = _report(loaded, allow_outside=allow_outside)
    if loaded.debate is None and not loaded.elements:
        return report, None
    debate = None if report.failed() else loaded.debate
    return report, (debate, loaded.elements)


@dataclass(frozen=True)
class Checked:
    """An editor's buffer checked: the report, the debate when it has no error, and what
    was parsed (plain data and the place of every key and value), for its symbols."""

    report: Report
    debate: Debate | None
    data: object
    source_map: SourceMap | None


def check_text(text: str, path: str | os.PathLike[str], *, allow_outside: bool = False) -> Checked:
    """Check text as though it were the file at ``path`` (an editor's unsaved buffer):
    its format told by the suffix and content, its sources' files found beside
    ``path``; a YAML text is parsed once, with every position recorded."""
    name = os.fspath(path)
    with _collector_paused():
        loaded = read_text(text, format_for(name, text), name, located=True)
        loaded.input = InputFile(name)  # where its sources' files are named from
        report = _report(loaded, allow_outside=allow_outside)
    debate = None if report.failed() else loaded.debate
    return Checked(report, debate, loaded.data, loaded.source_map)


def check_paths(paths: Iterable[str | os.PathLike[str]], *, allow_outside: bool = False) -> Report:
    """Check files and every debate file in folders (recursively), as one report."""
    report = Report()
    for file in debate_files(paths):
        report = report.merge(check(file, allow_outside=allow_outside))
    return report


def debate_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files named, and the debate files (.yaml, .yml, .json) inside folders named.

    Raises :class:`UsageError` for a path that does not exist or a folder with no debates.
    """
    found: dict[str, Path] = {}  # the same file named twice is read once
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = _debate_files_in(path)
            if not inside:
                raise UsageError(f"no debate files (.yaml, .yml, .json) in folder '{path}'")
            for file in inside:
                found.setdefault(os.path.realpath(file), file)
        elif os.path.lexists(path):
            found.setdefault(os.path.realpath(path), path)
        else:
            raise UsageError(f"no such file or folder: '{path}'")
    return list(found.values())


def _debate_files_in(folder: Path) -> list[Path]:
    """Debate files under ``folder``, sorted. Symlinked folders are not followed (no
    loops); anything with a debate suffix that is not a folder is listed, so that a
    pipe or a device named ``x.yaml`` is reported rather than skipped in silence."""
    inside: list[Path] = []
    for top, folders, names in os.walk(folder):
        folders.sort()
        for name in names:
            if Path(name).suffix.lower() in SUFFIXES:
                inside.append(Path(top) / name)
    return sorted(inside)


def dumps(debate: Debate, format: Format = "yaml") -> str:
    """The debate as canonical YAML or JSON text that loads back to an equal debate."""
    if format not in ("yaml", "json"):
        raise UsageError(f"unknown format {format!r}: use 'yaml' or 'json'")
    return dump_debate(debate, format)


def starter(question: str, schema_path: str = "debate.schema.json") -> str:
    """A starter debate file for ``question`` that passes ``argmap check`` (what ``argmap
    new`` writes). A question no debate can have (blank, or holding a control character)
    is a :class:`UsageError`, so no file that fails its first check is ever written."""
    from argmap.schema import starter as text_for

    text = text_for(question, schema_path)
    report = _report(read_text(text, "yaml", "<new>"))
    if report.failed():
        raise UsageError(f"QUESTION cannot start a debate: {report.errors[0].message}")
    return text


READERS: Final = {
    "aif": "an AIF file",
    "kialo": "a Kialo export",
    "argdown": "an Argdown file",
    "microtext": "an Argumentative Microtexts file",
}


def canonical(path: str | os.PathLike[str]) -> tuple[str, str]:
    """The text of an argmap YAML or JSON debate file and its canonical form (what
    ``argmap fmt`` writes). Another tool's file is refused: fmt would replace it with
    argmap YAML, so it raises :class:`UsageError` naming ``argmap convert`` instead."""
    with _collector_paused():
        loaded = read_path(path)
        debate = _debate_or_raise(loaded, quotes=False)
    if loaded.reader not in ("yaml", "json"):
        name = os.fspath(path)
        raise UsageError(
            f"'{name}' is {READERS[loaded.reader]}; fmt rewrites only argmap's own YAML and "
            f"JSON files. To make an argmap file of it: argmap convert {name} NAME.yaml"
        )
    if loaded.reader == "json":
        return loaded.text, dump_debate(debate, "json")
    return loaded.text, _keeping_comments(loaded.text, debate, os.fspath(path))


def _keeping_comments(text: str, debate: Debate, name: str) -> str:
    """The canonical YAML of ``debate``, written over ``text`` so that its comments
    stay. Nothing is dropped: a comment glued to a value (``"x"#y``), a rewrite that
    would not read back as the same debate, or one that loses a comment is a
    :class:`KeepError`, and the file is left as it was."""
    from collections import Counter

    from argmap.io.yaml_keep import rewrite
    from argmap.io.yaml_source import comments

    found = comments(text)
    if not found:  # nothing to keep: the fast way
        return dump_debate(debate, "yaml")
    glued = [c for c in found if c.glued]
    if glued:
        raise KeepError(
            _cannot_keep(
                name,
                glued,
                "no space before '#', so YAML reads it as a comment that fmt cannot keep "
                "in place: put a space before '#', or move it inside the quotes if it is "
                "part of the text (argmap check warns of it: W312)",
            )
        )
    try:
        kept = rewrite(text, canonical_data(debate))
    except Exception as exc:  # ruamel.yaml cannot rewrite it: say so, write nothing
        raise KeepError(
            f"{name}: fmt cannot rewrite this file keeping its comments ({exc}); it was "
            "left as it was"
        ) from None
    back = read_text(kept, "yaml", "<fmt>")
    if back.debate != debate:
        raise KeepError(
            f"{name}: fmt cannot rewrite this file keeping its comments: the result would not "
            "read back as the same debate; it was left as it was"
        )
    lost = Counter(c.text for c in found) - Counter(c.text for c in comments(kept))
    if lost:
        missing = []
        for comment in found:  # comments of one text are told apart by nothing else
            if lost[comment.text] > 0:
                lost[comment.text] -= 1
                missing.append(comment)
        raise KeepError(
            _cannot_keep(
                name,
                missing,
                "its place goes in the canonical form (a value it sat beside is left out or "
                "rewritten): move it to a line of its own, or remove it",
            )
        )
    return kept


def _cannot_keep(name: str, lost: list[Comment], why: str) -> str:
    shown = first_few([f"{name}:{c.line}:{c.column} {c.text[:60]!r}" for c in lost], 5)
    count = f"{len(lost)} comment{'s' if len(lost) > 1 else ''}"
    return f"fmt cannot keep {count} ({shown}): {why}; the file was left as it was"


@dataclass(frozen=True)
class Built:
    """What :func:`build_all` checked and wrote."""

    report: Report
    written: tuple[Path, ...]
    warnings: tuple[str, ...]


BUILD_OUTPUTS: Final = (
    ("", ("dot", "svg", "png"), Theme.DEFAULT),
    (".print", ("svg", "png", "pdf"), Theme.PRINT),
    (".projector", ("png",), Theme.PROJECTOR),
)
WORKSHEET: Final = ".worksheet"
"""The infix of the worksheet a build writes for each debate (A4, print theme), as
NAME.worksheet.pdf and its answer key NAME.worksheet-key.pdf."""


def build_targets(file: Path, out: Path) -> list[Path]:
    """The files :func:`build_all` writes for the debate ``file`` into the folder ``out``."""
    targets = [
        out / f"{file.stem}{infix}.{fmt}" for infix, formats, _ in BUILD_OUTPUTS for fmt in formats
    ]
    sheets = [out / f"{file.stem}{WORKSHEET}.pdf", out / f"{file.stem}{WORKSHEET}-key.pdf"]
    return [*targets, *sheets, out / f"{file.stem}.brief.html"]


def build_all(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    strict: bool = False,
    allow_outside: bool = False,
) -> Built:
    """Check every debate file under ``paths`` and write its maps into folder ``out``.

    Each file NAME gets NAME.dot, NAME.svg, NAME.png (default theme), NAME.print.svg, .png
    and .pdf (A4 portrait, over as many pages as it takes), NAME.projector.png, a worksheet
    NAME.worksheet.pdf with its key NAME.worksheet-key.pdf, and its brief NAME.brief.html.
    A debate with errors (or warnings, if ``strict``) gets nothing; its report says why.
    Two debates whose files would have the same names (``a/x.yaml`` and ``b/x.json``;
    names that differ only in case count too) are refused before anything is written, as
    is an output that is one of the inputs.
    """
    from argmap.graphviz import side_by_side

    folder = Path(out)
    files = debate_files(paths)
    claimed: dict[str, tuple[Path, Path]] = {}
    for file in files:
        for target in build_targets(file, folder):
            key = os.path.normpath(target).casefold()
            if key in claimed:
                first, earlier = claimed[key]
                where = (
                    f"'{target}'"
                    if earlier == target
                    else f"'{earlier}' and '{target}', one file on disks that ignore case"
                )
                raise UsageError(
                    f"'{first}' and '{file}' would both be written to {where}: rename one, "
                    "or build them into separate folders"
                )
            claimed[key] = (file, target)
    inputs = [InputFile(str(f)) for f in files]
    guard_outputs([target for _, target in claimed.values()], inputs)
    report = Report()
    ready: list[tuple[Path, Debate]] = []
    for file in files:
        with _collector_paused():
            loaded = read_path(file)
            file_report = _report(loaded, allow_outside=allow_outside)
        report = report.merge(file_report)
        if not file_report.failed(strict=strict) and loaded.debate is not None:
            ready.append((file, loaded.debate))
    # each debate's files are drawn beside the others' (a thread each, up to one per
    # core: most of the time is spent waiting on dot), then all written at once, all or
    # nothing, in the files' order
    drawn: dict[Path, bytes] = {}
    warnings: list[str] = []
    for one, said in side_by_side(
        [functools.partial(_build_one, file, debate, folder) for file, debate in ready]
    ):
        drawn |= one
        warnings += said
    written = write_files(drawn, inputs=inputs)
    return Built(report, written, tuple(warnings))


def _build_one(file: Path, debate: Debate, folder: Path) -> tuple[dict[Path, bytes], list[str]]:
    """The files :func:`build_all` writes for one debate that has no errors, drawn but
    not written, and what the drawing warned of."""
    from argmap.briefing import write_brief
    from argmap.diagrams import render
    from argmap.exporters.options import DiagramOptions

    files: dict[Path, bytes] = {}
    warnings: list[str] = []
    targets = iter(build_targets(file, folder))
    for _, formats, theme in BUILD_OUTPUTS:
        result = render(
            debate, [next(targets) for _ in formats], DiagramOptions(theme=theme), into=files
        )
        warnings += result.warnings
    sheet = next(targets)
    next(targets)  # the key, which the worksheet's render writes beside it
    result = render(debate, [sheet], DiagramOptions(theme=Theme.PRINT), worksheet=True, into=files)
    warnings += result.warnings
    write_brief(debate, next(targets), into=files)
    return files, warnings


def convert(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    to: str | None = None,
    *,
    strict: bool = False,
    warn: Callable[[str], None] | None = None,
) -> Path:
    """Read a debate in any format argmap reads and write it in the format ``to`` (or the
    one ``target``'s name asks for): YAML, JSON, AIF, Kialo, Mermaid, GraphML, TGF, APX.

    Nothing is lost silently: what the import skipped or approximated (W309, W310, at
    their lines) and what the output format cannot carry (counted per kind) go to
    ``warn``; with ``strict`` either is an error and nothing is written."""
    from argmap.io.formats import format_for_output

    out = Path(target)
    fmt = to or format_for_output(out.name)
    _known_format(fmt, f"cannot tell which format to write '{out}' in")
    guard_outputs([out], [InputFile(os.fspath(source))])  # before any work is done
    text, debate = _converted(source, str(fmt), strict, warn)
    write_files({out: text.encode("utf-8")}, inputs=input_of(debate))
    return out


def converted(
    source: str | os.PathLike[str],
    to: str,
    *,
    strict: bool = False,
    warn: Callable[[str], None] | None = None,
) -> str:
    """What :func:`convert` would write, as text (for standard output)."""
    _known_format(to, f"cannot write the format {to!r}")
    return _converted(source, to, strict, warn)[0]


def _known_format(fmt: str | None, problem: str) -> None:
    from argmap.io.formats import EXPORTERS

    if fmt is None or (fmt not in EXPORTERS and fmt not in ("yaml", "json")):
        known = ", ".join(["yaml", "json", *EXPORTERS])
        raise UsageError(f"{problem}: use --to ({known})")


def _converted(
    source: str | os.PathLike[str], fmt: str, strict: bool, warn: Callable[[str], None] | None
) -> tuple[str, Debate]:
    from argmap.io.formats import EXPORTERS
    from argmap.io.formats.losses import losses

    with _collector_paused():
        loaded = read_path(source)
        debate = _debate_or_raise(loaded, quotes=False)
    met = [d for d in loaded.diagnostics if d.code in IMPORT_CODES]
    lost = losses(debate, fmt)
    if strict and met:
        raise DebateError(Report.of(met, [loaded.file]))
    if strict and lost:
        raise ArgmapError(f"{lost[0]}; --strict writes nothing that leaves something out")
    for line in [*(d.format() for d in met), *(f"warning: {x}" for x in lost)]:
        if warn is not None:
            warn(line)
    text = dumps(debate, fmt) if fmt in ("yaml", "json") else EXPORTERS[fmt][1](debate)  # type: ignore[arg-type]
    return text, debate


IMPORT_CODES: Final = frozenset({"W309", "W310"})
"""What an import skipped or approximated: :func:`convert` passes them on."""
