"""The ``argmap`` command: a thin shell over the library.

Each command makes one call into :mod:`argmap` and turns an :class:`ArgmapError` into
``Error: …`` with its exit code. Exit codes: 0 success, 1 problems found in the input,
2 usage error (bad option, missing file).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from argmap import __version__
from argmap.diagnostics import terminal_safe

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="argmap",
    help="Map policy debates from plain text: check them, evaluate them, export them.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(StrEnum):
    """How ``check`` prints its report."""

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
    from argmap.errors import ArgmapError, UsageError

    try:
        yield
    except UsageError as exc:
        _fail(str(exc), EXIT_USAGE)
    except ArgmapError as exc:
        _fail(str(exc), EXIT_PROBLEMS)


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"Error: {terminal_safe(message)}", err=True)
    raise typer.Exit(code)


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
        typer.Option("--format", "-f", help="Print the report as text (GNU style) or JSON."),
    ] = OutputFormat.TEXT,
) -> None:
    """Check debate files and report every problem at once, as file:line:col.

    Exit status: 0 when no errors are found (warnings are printed), 1 when errors are
    found (or warnings, with --strict), 2 on a usage error.
    """
    from argmap.api import check_paths

    with _errors_reported():
        report = check_paths(paths)
    sys.stdout.write(report.to_json() if output is OutputFormat.JSON else report.format_text())
    raise typer.Exit(EXIT_PROBLEMS if report.failed(strict=strict) else EXIT_OK)


def main() -> None:
    """Run the command line (the ``argmap`` console script)."""
    app()
