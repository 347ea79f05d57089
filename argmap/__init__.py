"""argmap: map policy debates from plain text files.

Load a debate, check it like a compiler checks code, and (in later versions) evaluate
and export it::

    import argmap
    report = argmap.check("debates/hikvision-2019.yaml")
    debate = argmap.load("debates/hikvision-2019.yaml")
"""

from argmap.analysis import Analysis, analyse
from argmap.api import check, check_paths, debate_files, dumps, load, loads
from argmap.diagnostics import CODES, Diagnostic, Location, Report, Severity
from argmap.errors import ArgmapError, DebateError, RenderError, UsageError, WriteError
from argmap.model import (
    Actor,
    ActorKind,
    Argument,
    Confidence,
    Debate,
    Evidence,
    Level,
    Position,
    Source,
    SourceKind,
    Stance,
)

__version__ = "0.1.0"

__all__ = [
    "CODES",
    "Actor",
    "ActorKind",
    "Analysis",
    "ArgmapError",
    "Argument",
    "Confidence",
    "Debate",
    "DebateError",
    "Diagnostic",
    "Evidence",
    "Level",
    "Location",
    "Position",
    "RenderError",
    "Report",
    "Severity",
    "Source",
    "SourceKind",
    "Stance",
    "UsageError",
    "WriteError",
    "__version__",
    "analyse",
    "check",
    "check_paths",
    "debate_files",
    "dumps",
    "load",
    "loads",
]
