"""What a diagram should show and how: the options every diagram function takes.

Kept apart from the exporters so that the command line can name them without importing
the machinery that draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from argmap.exporters.style import Theme


class ColorBy(StrEnum):
    """What node fills stand for."""

    KIND = "kind"  # positions, reasons for, objections, undercuts
    ACTOR = "actor"  # the first actor who advances the argument
    POSITION = "position"  # the position the argument's branch belongs to
    STATUS = "status"  # what stands: in, out or undecided (see argmap analyse)


class RankDir(StrEnum):
    """The direction the map grows in."""

    TB = "TB"
    LR = "LR"
    BT = "BT"
    RL = "RL"


@dataclass(frozen=True)
class DiagramOptions:
    """What to draw and how. The defaults draw the whole map in the default theme."""

    theme: Theme = Theme.DEFAULT
    color_by: ColorBy = ColorBy.KIND
    rankdir: RankDir = RankDir.TB
    wrap: int = 24
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
    caption: str | None = None
    """A line under the title, such as "Worksheet" or "Step 2 of 4" (argmap's own text)."""
    status: bool = False
    """Mark each node in, out or undecided (implied by ``color_by=STATUS``)."""
    strengths: bool = False
    """Show each node's DF-QuAD strength."""
    perspective: str | None = None
    """Evaluate status and strength as this actor weighs the arguments."""


class Split(StrEnum):
    """How to divide a map into several."""

    POSITIONS = "positions"


class BriefFormat(StrEnum):
    """Formats a brief can be written in."""

    HTML = "html"
    MD = "md"
