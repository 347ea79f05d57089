"""The ``argmap`` command: a thin shell over the library.

Each command makes one call into :mod:`argmap` and turns an :class:`ArgmapError` into
``Error: …`` with its exit code. Exit codes: 0 success, 1 problems found in the input,
2 usage error (bad option, missing file, an output that is an input), 3 Graphviz's
``dot`` missing or failing, 4 an output could not be written (nothing was), 141 the
program reading standard output stopped reading (as with ``| head``).
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Final, NoReturn

import typer

from argmap import __version__
from argmap.diagnostics import plural, terminal_safe
from argmap.exporters.options import BriefFormat, ColorBy, Highlight, RankDir, Reveal, Split
from argmap.exporters.style import Theme
from argmap.paper import Orientation, Paper

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_RENDER = 3
EXIT_WRITE = 4
EXIT_PIPE = 141  # 128 + SIGPIPE, as a shell reports a program stopped by a closed pipe

app = typer.Typer(
    name="argmap",
    help="Map policy debates from plain text: check them, evaluate them, export them.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(StrEnum):
    """How ``check`` prints its report."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"


class AnalysisFormat(StrEnum):
    """How ``analyse`` prints its result."""

    TEXT = "text"
    JSON = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"argmap {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Map policy debates from plain text: check them, evaluate them, export them."""


@contextmanager
def _errors_reported() -> Iterator[None]:
    """Turn argmap's own errors into ``Error: …`` and an exit code; anything else is a bug
    and keeps its traceback."""
    from argmap.errors import ArgmapError, DebateError, RenderError, UsageError, WriteError

    try:
        yield
    except DebateError as exc:
        _say(exc.report.format_text(), end="")
        raise typer.Exit(EXIT_PROBLEMS) from None
    except UsageError as exc:
        _fail(str(exc), EXIT_USAGE)
    except RenderError as exc:
        _fail(str(exc), EXIT_RENDER)
    except WriteError as exc:
        _fail(str(exc), EXIT_WRITE)
    except ArgmapError as exc:
        _fail(str(exc), EXIT_PROBLEMS)


def _fail(message: str, code: int) -> NoReturn:
    _say(f"Error: {terminal_safe(message)}")
    raise typer.Exit(code)


def _say(message: str, end: str = "\n") -> None:
    """A line for the reader on standard error; if even that cannot be written, the exit
    status still tells."""
    try:
        sys.stderr.write(message + end)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _stdout(data: str | bytes) -> None:
    """Write a command's output to standard output, reporting a full disk (exit 4) and
    going quietly when the reader has gone (exit 141), never with a traceback."""
    try:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
            sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(EXIT_PIPE) from None
    except OSError as exc:
        _silence_stdout()
        _fail(f"could not write to standard output: {exc.strerror or exc}", EXIT_WRITE)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so Python's flush at exit fails no more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _stdout_not_input(inputs: Iterable[Path]) -> None:
    """Refuse to print into one of the inputs (``argmap analyse d.yaml >> d.yaml``)."""
    from argmap.io.files import InputFile, same_as_input

    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (a test's capture)
        return
    source = same_as_input(fd, [InputFile(os.fspath(p)) for p in inputs])
    if source is not None:
        _fail(
            f"standard output is the input '{source}'; argmap never writes over its "
            "input: redirect the output to another file",
            EXIT_USAGE,
        )


AllowOutside = Annotated[
    bool,
    typer.Option(
        "--allow-outside",
        help="Read sources' files outside the debate's folder (only for a debate you trust).",
    ),
]


@app.command(name="help")
def help_command(
    ctx: typer.Context,
    command: Annotated[
        str | None, typer.Argument(metavar="COMMAND", help="The command to explain.")
    ] = None,
) -> None:
    """Show a command's help (argmap help render), or the list of commands."""
    from argmap.diagnostics import closest

    root = ctx.find_root()
    group: Any = root.command  # typer's group of commands
    if command is None:
        _stdout(group.get_help(root) + "\n")
        return
    found = group.get_command(root, command)
    if found is None:
        names = list(group.list_commands(root))
        close = closest(command, names)
        hint = f"; did you mean '{close}'?" if close else f"; the commands: {', '.join(names)}"
        _fail(f"no such command {command!r}{hint}", EXIT_USAGE)
    sub = type(root)(found, info_name=command, parent=root)
    _stdout(found.get_help(sub) + "\n")


STDOUT: Final = Path("-")
"""The output name that means standard output (render, brief and convert)."""


class ColorChoice(StrEnum):
    """When to colour text for a terminal."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


@app.command()
def check(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Debate files (.yaml, .yml, .json) or folders to search for them.",
        ),
    ],
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings as well as errors.")
    ] = False,
    output: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (GNU style), json, github (Actions annotations), sarif (SARIF 2.1.0) "
            "or junit (JUnit XML).",
        ),
    ] = OutputFormat.TEXT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Report errors only.")] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(help="Report only these codes or prefixes (E, W3, N401), comma-separated."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(help="Never report these codes or prefixes, comma-separated."),
    ] = None,
    color: Annotated[
        ColorChoice,
        typer.Option(help="Colour the text report: auto (on a terminal, unless NO_COLOR)."),
    ] = ColorChoice.AUTO,
    concise: Annotated[
        bool,
        typer.Option("--concise", help="One line per problem, without the source line."),
    ] = False,
    allow_outside: AllowOutside = False,
) -> None:
    """Check debate files and report every problem at once, as file:line:col.

    Errors come first, then warnings, then notes, each with the source line and a caret
    under the column. Settings may live in an argmap.toml, or in a pyproject.toml's
    [tool.argmap] table, beside the debate or above it (select, ignore, quiet); options
    given here replace them.

    Exit status: 0 when no errors are found (warnings are printed), 1 when errors are
    found (or warnings, with --strict), 2 on a usage error.
    """
    from argmap.api import check, debate_files
    from argmap.diagnostics import Report
    from argmap.settings import settings_for

    with _errors_reported():
        files = debate_files(paths)
        _stdout_not_input(files)
        report = Report()
        for file in files:
            chosen = settings_for(file).overridden(select, ignore, quiet)
            report = report.merge(chosen.apply(check(file, allow_outside=allow_outside)))
    if output is OutputFormat.JSON:
        _stdout(report.to_json())
    elif output in (OutputFormat.GITHUB, OutputFormat.SARIF, OutputFormat.JUNIT):
        from argmap import ci_report

        if output is OutputFormat.GITHUB:
            _stdout(ci_report.github(report))
        elif output is OutputFormat.SARIF:
            _stdout(ci_report.sarif(report))
        else:
            _stdout(ci_report.junit(report, strict=strict))
    else:
        painted = _use_color(color)
        source = None if concise else _source_lines()
        _stdout(report.format_text(source=source, color=painted))
    raise typer.Exit(EXIT_PROBLEMS if report.failed(strict=strict) else EXIT_OK)


def _use_color(choice: ColorChoice) -> bool:
    """Colour on a terminal that can show it, unless NO_COLOR is set (no-color.org);
    ``always`` and ``never`` decide alone."""
    if choice is not ColorChoice.AUTO:
        return choice is ColorChoice.ALWAYS
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _source_lines() -> Callable[[str], list[str] | None]:
    """A file's lines, read once, for the source lines under diagnostics (None for what
    is not a regular file of at most 32 MiB)."""
    cache: dict[str, list[str] | None] = {}

    def lines(file: str) -> list[str] | None:
        if file not in cache:
            path = Path(file)
            try:
                ok = path.is_file() and path.stat().st_size <= 32 << 20
                text = path.read_bytes().decode("utf-8", "replace") if ok else None
            except OSError:
                text = None
            cache[file] = text.removeprefix("\ufeff").splitlines() if text is not None else None
        return cache[file]

    return lines


class ImageFormat(StrEnum):
    """Formats a map can be written in."""

    DOT = "dot"
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"


@app.command()
def render(
    debate: Annotated[Path, typer.Argument(metavar="DEBATE", help="The debate file to draw.")],
    outputs: Annotated[
        list[Path] | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (.svg, .png, .pdf or .dot); repeat for several formats. "
            "'-' writes to standard output (SVG unless --format says otherwise).",
        ),
    ] = None,
    image_format: Annotated[
        ImageFormat | None,
        typer.Option("--format", "-f", help="Write this format to standard output instead."),
    ] = None,
    theme: Annotated[
        Theme, typer.Option(help="default, print (greyscale) or projector (large type).")
    ] = Theme.DEFAULT,
    color_by: Annotated[
        ColorBy,
        typer.Option(help="Fill nodes by kind (pro/con), by actor or by position (with a legend)."),
    ] = ColorBy.KIND,
    focus: Annotated[
        str | None, typer.Option(help="Draw this position or argument and what is beneath it.")
    ] = None,
    depth: Annotated[
        int | None, typer.Option(help="With --focus: how many levels beneath it to draw.")
    ] = None,
    position: Annotated[str | None, typer.Option(help="Draw only this position's branch.")] = None,
    actor: Annotated[
        str | None, typer.Option(help="Draw only the arguments this actor advances (in context).")
    ] = None,
    tag: Annotated[
        str | None, typer.Option(help="Draw only the elements with this tag (in context).")
    ] = None,
    rankdir: Annotated[
        RankDir, typer.Option(help="Direction the map grows: TB (top-down), LR, BT or RL.")
    ] = RankDir.TB,
    wrap: Annotated[
        int | None,
        typer.Option(
            help="Wrap node text at this many characters (8 to 200; default 24, or what "
            "prints a map on paper in the fewest pages)."
        ),
    ] = None,
    dpi: Annotated[
        int | None, typer.Option(help="Resolution of PNG output, 10 to 1200 (default 96).")
    ] = None,
    split: Annotated[
        Split | None,
        typer.Option(help="'positions': one map per position, plus an overview."),
    ] = None,
    worksheet: Annotated[
        bool,
        typer.Option(
            "--worksheet",
            help="Blank chosen texts for students, and write the answer key as NAME-key.",
        ),
    ] = False,
    blank: Annotated[
        str | None,
        typer.Option(
            help="With --worksheet: 'counterarguments' (default), 'all', or ids, comma-separated."
        ),
    ] = None,
    reveal: Annotated[
        Reveal | None,
        typer.Option(
            help="Write the map step by step, 'levels' or 'options' (one at a time), steps of "
            "one layout. On a slide at 18 pt or more: a map too large becomes a deck by branch. "
            "NAME-step1, NAME-step2 …; a .pdf gets a page per step.",
        ),
    ] = None,
    paper: Annotated[
        Paper | None,
        typer.Option(
            help="Paper for .pdf (and .png pages): a4, letter, a3 or slide (16:9). Default: "
            "a4, or slide with --theme projector.",
        ),
    ] = None,
    orientation: Annotated[
        Orientation | None,
        typer.Option(
            help="portrait, landscape or auto (each page its own way). Default: every page "
            "of a document the way that needs fewer pages; portrait with --theme print."
        ),
    ] = None,
    min_text: Annotated[
        float | None,
        typer.Option(
            help="Smallest body text a page may print, in points (default 9): a map that "
            "would print smaller is split over pages.",
        ),
    ] = None,
    max_pages: Annotated[
        int | None,
        typer.Option(
            "--pages",
            min=1,
            max=999,
            help="At most this many pages per .pdf: the text prints as large as they "
            "allow, below --min-text if it must (a warning says the size reached).",
        ),
    ] = None,
    long_edges: Annotated[
        bool,
        typer.Option(
            "--long-edges",
            help="Draw an argument's links to its other targets as long lines, not as "
            "short 'see 1.3' references.",
        ),
    ] = False,
    legend: Annotated[bool, typer.Option(help="Draw the legend.")] = True,
    status: Annotated[
        bool,
        typer.Option("--status", help="Mark each node IN, OUT or UNDECIDED (see argmap analyse)."),
    ] = False,
    strengths: Annotated[
        bool, typer.Option("--strengths", help="Show each node's strength, 0 to 1 (DF-QuAD).")
    ] = False,
    as_actor: Annotated[
        str | None,
        typer.Option("--as", help="With --status or --strengths: weigh as this actor does."),
    ] = None,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            help="Draw again each time the debate file is saved, until Ctrl-C; a file with "
            "errors gets its report and leaves the last good map in place.",
        ),
    ] = False,
    highlight: Annotated[
        Highlight | None,
        typer.Option(
            help="Mark with a heavy border and ◆ the 'cruxes' (where weighted stakeholders "
            "part ways) or the 'pivots' (on which the first option turns); see argmap analyse.",
        ),
    ] = None,
    allow_outside: AllowOutside = False,
) -> None:
    """Draw a debate as a map: SVG, PNG, PDF or DOT.

    Positions at the top, arguments beneath what they support or attack, with outline
    numbers (1, 1.2, 1.2.1) that every output shares. Nothing is left out silently: views
    that omit arguments say so, and a map too large to print readably gets a warning.
    """
    from argmap.api import load
    from argmap.diagrams import blank_ids, draw
    from argmap.diagrams import render as render_files
    from argmap.exporters.options import DiagramOptions

    if not outputs and image_format is None:
        _fail(
            "say where to write the map: -o FILE (.svg, .png, .pdf, .dot) or --format", EXIT_USAGE
        )
    if watch:
        if not outputs or STDOUT in outputs:
            _fail("--watch redraws files: give them with -o", EXIT_USAGE)
        _render_watching(debate, outputs, locals())
        return
    if blank is not None and not worksheet:
        _fail("--blank goes with --worksheet", EXIT_USAGE)
    if sum([split is not None, worksheet, reveal is not None]) > 1:
        _fail("choose one of --split, --worksheet and --reveal", EXIT_USAGE)
    with _errors_reported():
        loaded = load(debate, allow_outside=allow_outside)
        options = DiagramOptions(
            theme=theme,
            color_by=color_by,
            rankdir=rankdir,
            wrap=24 if wrap is None else wrap,
            fixed_wrap=wrap is not None,
            focus=focus,
            depth=depth,
            position=position,
            actor=actor,
            tag=tag,
            legend=legend,
            blank=blank_ids(loaded, blank) if blank else frozenset(),
            status=status,
            strengths=strengths,
            perspective=as_actor,
            highlight=highlight,
            long_edges=long_edges,
        )
        if outputs and STDOUT in outputs:  # -o -: standard output, never a file named '-'
            if len(outputs) > 1:
                _fail("-o - writes to standard output: give it alone", EXIT_USAGE)
            outputs = []
            image_format = image_format or ImageFormat.SVG
        if image_format is not None:
            if split or worksheet or reveal is not None:
                _fail("--split, --worksheet and --reveal write several files: use -o", EXIT_USAGE)
            _stdout_not_input([debate])
            drawn = draw(
                loaded,
                image_format.value,
                options,
                dpi=dpi,
                paper=paper,
                orientation=orientation,
                min_text=min_text,
                max_pages=max_pages,
                warn=lambda w: _say(f"warning: {terminal_safe(w)}"),
            )
            _stdout(drawn)
        if outputs:
            result = render_files(
                loaded,
                outputs,
                options,
                split=split,
                worksheet=worksheet,
                reveal=reveal,
                dpi=dpi,
                paper=paper,
                orientation=orientation,
                min_text=min_text,
                max_pages=max_pages,
            )
            for warning in result.warnings:
                _say(f"warning: {terminal_safe(warning)}")
            for path in result.written:
                _say(f"wrote {terminal_safe(str(path))}")


def _render_watching(debate: Path, outputs: list[Path], given: dict[str, Any]) -> None:
    """``render`` once, then again on every save of ``debate``, until interrupted; a
    failed round says why and keeps the files of the last good one."""
    import inspect
    import time

    from argmap.errors import ArgmapError, DebateError
    from argmap.watch import changes

    names = inspect.signature(render).parameters
    arguments = {k: v for k, v in given.items() if k in names}
    arguments["watch"] = False

    def once() -> None:
        try:
            render(**arguments)
        except typer.Exit as done:
            if done.exit_code == EXIT_USAGE:
                raise  # the request itself is wrong: no save of the debate can mend it
            if done.exit_code not in (0, None):
                _say(f"{terminal_safe(str(debate))}: not drawn; the last good map stays")
        except ArgmapError as exc:  # pragma: no cover - render reports its own
            report = exc.report.format_text() if isinstance(exc, DebateError) else str(exc)
            _say(report)
        _say(f"watching {terminal_safe(str(debate))} ({time.strftime('%H:%M:%S')}); Ctrl-C to stop")

    once()
    try:
        for _ in changes(debate):
            once()
    except KeyboardInterrupt:
        _say("stopped watching")


@app.command()
def brief(
    debate: Annotated[Path, typer.Argument(metavar="DEBATE", help="The debate file to brief.")],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File to write: NAME.html, NAME.md, NAME.pdf or NAME.docx (Word) "
            "('-': standard output).",
        ),
    ],
    brief_format: Annotated[
        BriefFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html (one self-contained file), md (with NAME.svg beside it), pdf "
            "(the HTML printed by headless Chromium) or docx (Word: headings, tables, the map "
            "as pictures).",
        ),
    ] = None,
    paper: Annotated[
        Paper | None,
        typer.Option(help="Paper of a PDF or Word brief: a4 (default), letter or a3."),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            help="Folder with your own brief.html.j2 (and brief.css, brief.js); see docs/briefs.md."
        ),
    ] = None,
    template_seconds: Annotated[
        float,
        typer.Option(
            min=0.1,
            help="With --template: the CPU seconds the template may run (default 30).",
        ),
    ] = 30.0,
    template_memory: Annotated[
        int,
        typer.Option(
            min=64,
            help="With --template: the memory, in MiB, the template may use (default 1024).",
        ),
    ] = 1024,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="OLD",
            help="An earlier version (a file, or REV:path in git): the brief says near its "
            "top what changed since.",
        ),
    ] = None,
    allow_outside: AllowOutside = False,
) -> None:
    """Write an analyst's brief: bottom line, stakeholders, options, evidence, the map.

    The HTML brief is one file that works offline and prints well. The bottom line,
    recommendation and judgements are the author's, as the debate file words them; what
    is marked as computed is argmap's reading of the author's map and ratings.
    """
    from argmap.api import load
    from argmap.briefing import write_brief
    from argmap.exporters.template_limits import TemplateLimits

    limits = TemplateLimits(template_seconds, template_memory)
    if output == STDOUT:  # standard output, never a file named '-'
        from argmap.briefing import brief_data

        with _errors_reported():
            _stdout_not_input([debate])
            loaded = load(debate, allow_outside=allow_outside)
            data, warnings = brief_data(
                loaded,
                brief_format or BriefFormat.HTML,
                template_dir=template,
                paper=paper,
                template_limits=limits,
                since=_since(since, loaded, debate),
            )
        for warning in warnings:
            _say(f"warning: {terminal_safe(warning)}")
        _stdout(data)
        return
    with _errors_reported():
        loaded = load(debate, allow_outside=allow_outside)
        result = write_brief(
            loaded,
            output,
            brief_format,
            template_dir=template,
            paper=paper,
            template_limits=limits,
            since=_since(since, loaded, debate),
        )
    for warning in result.warnings:
        _say(f"warning: {terminal_safe(warning)}")
    for path in result.written:
        _say(f"wrote {terminal_safe(str(path))}")


def _since(old: str | None, debate: Any, path: Path) -> Any:
    """What changed from the version ``old`` (a file or REV:path) to ``debate``."""
    from argmap.api import changes_since

    return changes_since(old, debate, str(path)) if old is not None else None


@app.command()
def analyse(
    debate: Annotated[Path, typer.Argument(metavar="DEBATE", help="The debate file to evaluate.")],
    as_actor: Annotated[
        str | None,
        typer.Option("--as", help="Weigh the arguments as this actor does (its 'weights')."),
    ] = None,
    output: Annotated[
        AnalysisFormat,
        typer.Option("--format", "-f", help="A readable report (text) or JSON."),
    ] = AnalysisFormat.TEXT,
    allow_outside: AllowOutside = False,
) -> None:
    """Say what stands: each argument and option in, out or undecided, with the reason,
    its strength, the alternatives where it is open, and each stakeholder's verdict."""
    from argmap.analysis import analyse as evaluate
    from argmap.api import load
    from argmap.exporters.report import format_report

    with _errors_reported():
        _stdout_not_input([debate])
        loaded = load(debate, allow_outside=allow_outside)
        result = evaluate(loaded, as_actor)
    if output is AnalysisFormat.JSON:
        _stdout(result.model_dump_json(indent=2) + "\n")
    else:
        _stdout(format_report(loaded, result))


class DiffFormat(StrEnum):
    """How ``diff`` prints what changed."""

    TEXT = "text"
    JSON = "json"
    HTML = "html"


@app.command()
def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", help="The earlier version: a debate file, or REV:path in git."
        ),
    ],
    new: Annotated[
        str | None,
        typer.Argument(metavar="NEW", help="The later version: a debate file, or REV:path."),
    ] = None,
    output_format: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", help="text (a summary, then each change), json or html."),
    ] = DiffFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    stat: Annotated[
        bool, typer.Option("--stat", help="Only the summary per kind of element (text).")
    ] = False,
    textconv: Annotated[
        bool,
        typer.Option(
            "--textconv",
            help="Print OLD as lines made for git's line diff (see docs/diff.md) and exit.",
        ),
    ] = False,
    color: Annotated[
        ColorChoice,
        typer.Option(help="Colour the text: auto (on a terminal, unless NO_COLOR)."),
    ] = ColorChoice.AUTO,
    allow_outside: AllowOutside = False,
) -> None:
    """Say what changed between two versions of a debate, and what it does to the answer.

    Elements are matched by id, and by text where an id was renamed. Reported: what was
    added, removed and renamed; each changed field in words; the header; the ranking of
    the options before and after, standings that moved, pivots and cruxes that appeared
    or went. Reformatting and comments are not changes.

    Exit status, as diff's: 0 the same debate, 1 different, 2 trouble (a version that
    cannot be read or has errors, a usage error); 4 the output could not be written.
    """
    from argmap.errors import ArgmapError, DebateError, WriteError

    try:
        if textconv:
            if new is not None:
                _fail("--textconv reads one file: argmap diff --textconv FILE", EXIT_USAGE)
            from argmap.api import load_version
            from argmap.diffing import textconv as lines

            _stdout(lines(load_version(old, allow_outside=allow_outside)))
            return
        if new is None:
            _fail("say which two versions to compare: argmap diff OLD NEW", EXIT_USAGE)
        from argmap.api import diff as compare
        from argmap.diffing import format_html, format_text

        changes = compare(old, new, allow_outside=allow_outside)
        if output_format is DiffFormat.JSON:
            data = changes.to_json()
        elif output_format is DiffFormat.HTML:
            data = format_html(changes)
        else:
            painted = output is None and _use_color(color)
            data = format_text(changes, color=painted, details=not stat)
        if output is not None:
            from argmap.io.files import InputFile, write_files

            inputs = [InputFile(p) for p in (old, new) if os.path.lexists(p)]
            write_files({output: data.encode("utf-8")}, inputs=inputs)
            _say(f"wrote {terminal_safe(str(output))}")
        else:
            _stdout_not_input([Path(p) for p in (old, new) if os.path.lexists(p)])
            _stdout(data)
    except DebateError as exc:
        _say(exc.report.format_text(), end="")
        raise typer.Exit(EXIT_USAGE) from None
    except WriteError as exc:
        _fail(str(exc), EXIT_WRITE)
    except ArgmapError as exc:  # as diff's trouble: a version unreadable, a bad request
        _fail(str(exc), EXIT_USAGE)
    raise typer.Exit(EXIT_OK if changes.same else EXIT_PROBLEMS)


class GradeFormat(StrEnum):
    """How ``grade`` prints the class's marks."""

    TEXT = "text"
    CSV = "csv"
    JSON = "json"


@app.command()
def grade(
    key: Annotated[Path, typer.Argument(metavar="KEY", help="The teacher's map: the key.")],
    students: Annotated[
        list[Path],
        typer.Argument(metavar="STUDENT", help="Students' maps: debate files or folders of them."),
    ],
    rubric: Annotated[
        Path | None,
        typer.Option(help="A rubric (TOML or YAML): weights, threshold; see docs/classroom.md."),
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            help="How alike (0-1) an argument must be to the key's to count as found "
            "(default 0.62, or the rubric's)."
        ),
    ] = None,
    output_format: Annotated[
        GradeFormat,
        typer.Option("--format", "-f", help="text (a table), csv (a spreadsheet) or json."),
    ] = GradeFormat.TEXT,
    feedback: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR", help="Write one HTML feedback sheet per student into this folder."
        ),
    ] = None,
    allow_outside: AllowOutside = False,
) -> None:
    """Mark students' maps against a teacher's key.

    Arguments are matched by their text and place (what they support or attack), one to
    one. For each student: the key's arguments found and missing, extra arguments,
    relations that differ from the key's, the problems check finds, and a score from
    the rubric. Exit status: 0 marked, 1 the key has errors, 2 usage error.
    """
    from argmap.grading import grade as mark

    with _errors_reported():
        _stdout_not_input([key, *students])
        grades = mark(key, students, rubric, threshold=threshold, allow_outside=allow_outside)
        written = []
        if feedback is not None:
            from argmap.feedback import write_feedback

            written = write_feedback(grades, feedback)
    if output_format is GradeFormat.JSON:
        _stdout(grades.to_json())
    elif output_format is GradeFormat.CSV:
        _stdout(grades.to_csv())
    else:
        _stdout(grades.format_text())
    if written:
        _say(f"wrote {len(written)} feedback sheets into {terminal_safe(str(feedback))}")


@app.command()
def build(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="Debate files or folders of them."),
    ],
    out: Annotated[Path, typer.Option("--output", "-o", help="Folder to write into.")] = Path(
        "exports"
    ),
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors: such debates get no files.")
    ] = False,
    allow_outside: AllowOutside = False,
) -> None:
    """Check every debate and write its maps into a folder.

    For each debate NAME: NAME.dot, NAME.svg and NAME.png in the default theme,
    NAME.print.svg/png/pdf (the PDF on A4 pages), NAME.projector.png, an A4 worksheet
    NAME.worksheet.pdf with its key NAME.worksheet-key.pdf, and the brief
    NAME.brief.html. A debate with
    errors (or, with --strict, warnings) gets no files; its problems are listed and the
    exit status is 1. Two debates whose files would share names (a/x.yaml and b/x.yaml)
    are refused before anything is written (exit 2).
    """
    from argmap.api import build_all, debate_files

    with _errors_reported():
        _stdout_not_input(debate_files(paths))
        result = build_all(paths, out, strict=strict, allow_outside=allow_outside)
    _stdout(result.report.format_text())
    for warning in result.warnings:
        _say(f"warning: {terminal_safe(warning)}")
    for path in result.written:
        _say(f"wrote {terminal_safe(str(path))}")
    raise typer.Exit(EXIT_PROBLEMS if result.report.failed(strict=strict) else EXIT_OK)


@app.command()
def convert(
    source: Annotated[
        Path, typer.Argument(metavar="IN", help="A debate in any format argmap reads.")
    ],
    target: Annotated[
        Path, typer.Argument(metavar="OUT", help="The file to write ('-': standard output).")
    ],
    to: Annotated[
        str | None,
        typer.Option(
            help="yaml, json, aif, argdown, kialo, mermaid, graphml, tgf or apx "
            "(default: from OUT's suffix, such as .aif.json or .kialo.txt)."
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Write nothing if the import skipped or approximated anything, or the "
            "output format cannot carry all of the debate.",
        ),
    ] = False,
) -> None:
    """Convert a debate between argmap's format and other tools' (AIF, Kialo, Argdown …).

    Reads (told by content): argmap YAML or JSON; AIF JSON (AIFdb, OVA, xAIF); Kialo
    text exports; Argdown; Argumentative Microtexts XML.

    Writes (told by OUT's suffix, or --to): yaml (.yaml, .yml), json (.json), aif
    (.aif.json), argdown (.argdown), kialo (.kialo.txt), mermaid (.mmd, .mermaid),
    graphml (.graphml), tgf (.tgf), apx (.apx). OUT '-' writes to standard output (then
    --to is needed).

    What the import skipped and what the output cannot carry are said, with counts.
    """
    from argmap.api import convert as run
    from argmap.api import converted

    if target == STDOUT:  # standard output, never a file named '-'
        if to is None:
            _fail("with OUT '-', say the format with --to", EXIT_USAGE)
        with _errors_reported():
            _stdout_not_input([source])
            text = converted(source, to, strict=strict, warn=_say)
        _stdout(text)
        return
    with _errors_reported():
        written = run(source, target, to, strict=strict, warn=_say)
    _say(f"wrote {terminal_safe(str(written))}")


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not standard output.")
    ] = None,
) -> None:
    """Print the JSON Schema of the debate format, for editor completion and inline errors."""
    from argmap.io.files import write_files
    from argmap.schema import schema_text

    text = schema_text()
    if output is None:
        _stdout(text)
        return
    with _errors_reported():
        write_files({output: text.encode("utf-8")})
    _say(f"wrote {terminal_safe(str(output))}")


@app.command()
def new(
    question: Annotated[str, typer.Argument(metavar="QUESTION", help="The debate's question.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The debate file to create.")
    ] = Path("debate.yaml"),
) -> None:
    """Start a debate file for QUESTION, with a schema beside it for your editor."""
    from argmap.api import starter
    from argmap.io.files import write_files
    from argmap.schema import schema_text

    if os.path.lexists(output):
        _fail(f"'{output}' already exists; choose another name with -o", EXIT_USAGE)
    schema_file = output.with_name("debate.schema.json")
    with _errors_reported():
        files = {output: starter(question, schema_file.name).encode("utf-8")}
        if not os.path.lexists(schema_file):
            files[schema_file] = schema_text().encode("utf-8")
        write_files(files)
    for path in files:
        _say(f"wrote {terminal_safe(str(path))}")


@app.command()
def serve(
    debate: Annotated[Path, typer.Argument(metavar="DEBATE", help="The debate file to preview.")],
    port: Annotated[
        int, typer.Option(help="The port on 127.0.0.1 to serve on (0: any free one).")
    ] = 8765,
    open_page: Annotated[
        bool, typer.Option("--open", help="Open the page in the default browser.")
    ] = False,
    until_stdin_closes: Annotated[
        bool,
        typer.Option(
            "--until-stdin-closes",
            help="Stop when standard input closes (for an editor that starts the preview: "
            "it stops with the editor, however the editor ends).",
        ),
    ] = False,
    allow_outside: AllowOutside = False,
) -> None:
    """Preview a debate live: its problems, its map and its brief in a local page that
    updates within a second of each save (served on 127.0.0.1 only, until Ctrl-C).

    While the file has errors, the page lists them, located, and keeps the last good map
    and brief, greyed. Select a box of the map to see its argument in the brief.
    """
    from argmap.api import check
    from argmap.serve import serve as run

    if not 0 <= port <= 65535:
        _fail(f"--port {port}: a port is 0 to 65535", EXIT_USAGE)

    def ready(url: str) -> None:
        _stdout(f"serving {url} (Ctrl-C to stop)\n")
        if open_page:
            import webbrowser

            webbrowser.open(url)

    with _errors_reported():
        unreadable = [d for d in check(debate).diagnostics if d.code in ("E001", "E002")]
        if unreadable:  # nothing to preview: say so now, not in the page
            _fail(unreadable[0].message, EXIT_USAGE)
        try:
            until = sys.stdin.fileno() if until_stdin_closes else None
            run(debate, port, ready=ready, allow_outside=allow_outside, until=until)
        except OSError as exc:
            _fail(f"cannot serve on port {port}: {exc.strerror or exc}", EXIT_USAGE)
        except KeyboardInterrupt:
            _say("stopped serving")


@app.command()
def lsp() -> None:
    """Run the language server for debate files, over standard input and output (for
    editors: diagnostics as you type, go to definition, find references, rename,
    completion, hover, outline). See docs/editors.md for the set-up of each editor."""
    from argmap.lsp import start

    raise typer.Exit(start())


@app.command()
def fmt(
    debate: Annotated[Path, typer.Argument(metavar="DEBATE", help="The debate file to tidy.")],
    write: Annotated[
        bool,
        typer.Option(
            "--write", help="Rewrite the file (the default; kept for scripts that pass it)."
        ),
    ] = True,
    check_only: Annotated[
        bool,
        typer.Option("--check", help="Only report (exit 1) whether the file is not canonical."),
    ] = False,
) -> None:
    """Rewrite an argmap debate file (YAML or JSON) in canonical order and layout.

    Comments are kept (the yaml-language-server line too), and text keeps its block
    style; the indentation is the one 'argmap new' writes. The result loads back to the
    same debate. --check changes nothing and, when the file is not canonical, prints
    the difference and exits 1. Other tools' files (Kialo, AIF, Argdown …) are refused:
    use 'argmap convert' to make an argmap file of them.
    """
    from argmap.api import canonical
    from argmap.io.files import write_files

    name = terminal_safe(str(debate))
    with _errors_reported():
        original, text = canonical(debate)
    if text == original:
        _say(f"{name} is already canonical")
        return
    if check_only:
        from argmap.textdiff import unified

        diff = unified(
            original.splitlines(keepends=True),
            text.splitlines(keepends=True),
            f"{debate} (as it is)",
            f"{debate} (canonical)",
        )
        _stdout(terminal_safe_lines(diff.text))
        if diff.coarse:
            _say(
                f"note: {plural(diff.coarse, 'part')} of the difference shown whole, too "
                "different to compare line by line"
            )
        _say(f"{name} is not canonical: run 'argmap fmt {name}'")
        raise typer.Exit(EXIT_PROBLEMS)
    with _errors_reported():
        write_files({debate: text.encode("utf-8")})  # its own input, on purpose
    _say(f"rewrote {name}")


def terminal_safe_lines(text: str) -> str:
    """Text of several lines with each line made safe for a terminal."""
    if text.endswith("\n") and text.replace("\n", "").isprintable():
        return text  # nothing to escape (every line break splitlines knows is unprintable)
    return "".join(terminal_safe(line.rstrip("\n")) + "\n" for line in text.splitlines())


def main() -> None:
    """Run the command line (the ``argmap`` console script)."""
    for stream in (sys.stdout, sys.stderr):
        # a terminal that cannot show a character gets an escape, never a traceback
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    narrowed(sys.argv[1:])()


def narrowed(args: list[str]) -> typer.Typer:
    """The command line as it runs ``args``: with only the command they name, when they
    name one (typer reads the signature of every command to build the command line: 29
    ms of every run, a tenth of ``check`` of a small file). The whole command line for
    anything else: no command, an option before it, a name that is not a command (its
    error suggests the one meant), ``help`` (it lists them), shell completion."""
    from typer.main import get_command_name

    completing = any(k.startswith("_ARGMAP") and k.endswith("_COMPLETE") for k in os.environ)
    if not args or completing or args[0] == "help":
        return app
    chosen = [
        info
        for info in app.registered_commands
        if (info.name or get_command_name(getattr(info.callback, "__name__", ""))) == args[0]
    ]
    if len(chosen) != 1:
        return app
    only = copy.copy(app)  # the same settings and root options (--version)
    only.registered_commands = chosen
    return only
