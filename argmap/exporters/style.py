"""How diagrams look: themes and palettes, kept apart from what they show.

Colours come from the Okabe–Ito palette, which stays distinguishable for the common forms
of colour blindness; every colour also has a second carrier (line style, a ``+``/``−``
marker, a PRO/CON word, an outline number), so nothing depends on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final


class Theme(StrEnum):
    """A diagram theme."""

    DEFAULT = "default"
    PRINT = "print"
    PROJECTOR = "projector"


@dataclass(frozen=True)
class Look:
    """Everything a theme decides."""

    font: str
    font_size: float
    small_size: float
    pen: float
    ink: str
    muted: str
    support: str
    attack: str
    undercut: str
    position_fill: str
    pro_fill: str
    con_fill: str
    undercut_fill: str
    question_fill: str
    families: tuple[str, ...]
    """Fills for --color-by families (actors or positions), in order of first use."""
    highlight: str = "#0060A8"
    """The border of arguments marked by --highlight (Okabe–Ito blue, darkened)."""


_FAMILY_TINTS: Final = (
    "#FBE3B0",  # orange
    "#CBE6F6",  # sky blue
    "#BFE8DA",  # bluish green
    "#FAF6C0",  # yellow
    "#BFD5EA",  # blue
    "#F4CDB2",  # vermillion
    "#F1D5E6",  # reddish purple
    "#E0E0E0",  # grey
)
_GREYS: Final = (
    "#FFFFFF",
    "#EBEBEB",
    "#D6D6D6",
    "#C2C2C2",
    "#F5F5F5",
    "#E0E0E0",
    "#CCCCCC",
    "#B8B8B8",
)

_DEFAULT: Final = Look(
    font="DejaVu Sans",
    font_size=12,
    small_size=9,
    pen=1.2,
    ink="#1A1A1A",
    muted="#6B6B6B",
    support="#007A5A",  # Okabe–Ito bluish green, darkened for contrast on white
    attack="#C24E00",  # Okabe–Ito vermillion, darkened
    undercut="#A6477F",  # Okabe–Ito reddish purple, darkened
    position_fill="#DCEAF7",
    pro_fill="#E3F4EC",
    con_fill="#FBE6D8",
    undercut_fill="#F6E3EE",
    question_fill="#FFFFFF",
    families=_FAMILY_TINTS,
)

LOOKS: Final = {
    Theme.DEFAULT: _DEFAULT,
    Theme.PRINT: Look(
        font="DejaVu Sans",
        font_size=11,
        small_size=8,
        pen=1.0,
        ink="#000000",
        muted="#4D4D4D",
        support="#000000",
        attack="#000000",
        undercut="#000000",
        position_fill="#E6E6E6",
        pro_fill="#FFFFFF",
        con_fill="#FFFFFF",
        undercut_fill="#FFFFFF",
        question_fill="#FFFFFF",
        families=_GREYS,
        highlight="#000000",
    ),
    # the default colours, with type and lines large enough for the back of a room
    Theme.PROJECTOR: replace(
        _DEFAULT, font_size=20, small_size=15, pen=2.4, ink="#000000", muted="#4D4D4D"
    ),
}
