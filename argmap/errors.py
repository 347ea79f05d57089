"""argmap's exceptions: one tree, each also a builtin error so callers can catch either."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.diagnostics import Report


class ArgmapError(Exception):
    """The root of every error argmap raises on purpose. Any other exception is a bug."""


class DebateError(ArgmapError, ValueError):
    """A debate file has errors; ``report`` holds every diagnostic, located."""

    def __init__(self, report: Report) -> None:
        self.report = report
        errors = report.errors
        first = errors[0].format() if errors else "no errors"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{first}{more}")


class UsageError(ArgmapError, ValueError):
    """The caller asked for something argmap cannot do (an unknown format, no files)."""


class WriteError(ArgmapError, OSError):
    """An output could not be written (a full disk, a read-only folder, a folder in the
    way…); nothing of the request was left behind and earlier outputs are untouched."""


class RenderError(ArgmapError, RuntimeError):
    """Graphviz's ``dot`` is missing, failed, timed out or returned a broken drawing;
    nothing was written."""


class KeepError(ArgmapError, ValueError):
    """``argmap fmt`` cannot rewrite a file without losing some of its text (a comment
    it cannot place); the file is left as it was."""
