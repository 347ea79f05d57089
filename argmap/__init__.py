"""argmap: map policy debates from plain text files.

Load a debate, check it like a compiler checks code, evaluate it and export it::

    import argmap
    report = argmap.check("debates/hikvision-2019.yaml")
    debate = argmap.load("debates/hikvision-2019.yaml")
    result = argmap.analyse(debate)
    svg = argmap.render(debate)                      # the map, as SVG bytes
    argmap.brief(debate, "brief.html")               # or .md, .pdf, .docx
    changes = argmap.diff("old.yaml", "new.yaml")    # or "HEAD~1:debates/x.yaml"
    marks = argmap.grade("key.yaml", ["class/"])     # students' maps against a key

``import argmap`` is cheap: each name below is imported the first time it is used, so
``argmap --version`` does not build the model and ``argmap check`` does not load the
analysis.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

__version__ = "0.1.0"

_HOMES: Final = {
    "Analysis": "argmap.analysis",
    "analyse": "argmap.analysis",
    "brief": "argmap.api",
    "changes_since": "argmap.api",
    "check": "argmap.api",
    "convert": "argmap.api",
    "diff": "argmap.api",
    "load_version": "argmap.api",
    "render": "argmap.api",
    "Changes": "argmap.diffing",
    "ClassGrades": "argmap.grading",
    "Rubric": "argmap.grading",
    "StudentGrade": "argmap.grading",
    "grade": "argmap.grading",
    "check_paths": "argmap.api",
    "debate_files": "argmap.api",
    "dumps": "argmap.api",
    "load": "argmap.api",
    "loads": "argmap.api",
    "CODES": "argmap.diagnostics",
    "Diagnostic": "argmap.diagnostics",
    "Location": "argmap.diagnostics",
    "Report": "argmap.diagnostics",
    "Severity": "argmap.diagnostics",
    "ArgmapError": "argmap.errors",
    "DebateError": "argmap.errors",
    "RenderError": "argmap.errors",
    "UsageError": "argmap.errors",
    "WriteError": "argmap.errors",
    "Actor": "argmap.model",
    "ActorKind": "argmap.model",
    "Argument": "argmap.model",
    "Confidence": "argmap.model",
    "Credibility": "argmap.model",
    "Debate": "argmap.model",
    "Evidence": "argmap.model",
    "KeyJudgement": "argmap.model",
    "Standard": "argmap.model",
    "Level": "argmap.model",
    "Position": "argmap.model",
    "Reliability": "argmap.model",
    "Source": "argmap.model",
    "SourceKind": "argmap.model",
    "Stance": "argmap.model",
}
"""Each public name and the module it lives in."""


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # the next use costs nothing
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])


if TYPE_CHECKING:
    from argmap.analysis import Analysis, analyse
    from argmap.api import (
        brief,
        changes_since,
        check,
        check_paths,
        convert,
        debate_files,
        diff,
        dumps,
        load,
        load_version,
        loads,
        render,
    )
    from argmap.diagnostics import CODES, Diagnostic, Location, Report, Severity
    from argmap.diffing import Changes
    from argmap.errors import ArgmapError, DebateError, RenderError, UsageError, WriteError
    from argmap.grading import ClassGrades, Rubric, StudentGrade, grade
    from argmap.model import (
        Actor,
        ActorKind,
        Argument,
        Confidence,
        Credibility,
        Debate,
        Evidence,
        KeyJudgement,
        Level,
        Position,
        Reliability,
        Source,
        SourceKind,
        Stance,
        Standard,
    )

__all__ = [
    "CODES",
    "Actor",
    "ActorKind",
    "Analysis",
    "ArgmapError",
    "Argument",
    "Changes",
    "ClassGrades",
    "Confidence",
    "Credibility",
    "Debate",
    "DebateError",
    "Diagnostic",
    "Evidence",
    "KeyJudgement",
    "Level",
    "Location",
    "Position",
    "Reliability",
    "RenderError",
    "Report",
    "Rubric",
    "Severity",
    "Source",
    "SourceKind",
    "Stance",
    "Standard",
    "StudentGrade",
    "UsageError",
    "WriteError",
    "__version__",
    "analyse",
    "brief",
    "changes_since",
    "check",
    "check_paths",
    "convert",
    "debate_files",
    "diff",
    "dumps",
    "grade",
    "load",
    "load_version",
    "loads",
    "render",
]
