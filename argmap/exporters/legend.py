"""A map's legend: a line for each kind of mark the map draws, in plain words.

The DOT writer notes each kind of mark it draws (``"supports"``, ``"blank"``,
``"hidden-inline"`` …); :func:`legend_table` explains those, and a page's first legend
those of every page. On a page of a map split over pages the legend is lines in the
heading (a table there would stretch to the heading's width), elsewhere a table in a
node of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Final

from argmap.exporters.encode import html, wrap
from argmap.exporters.style import Look

_BR: Final = '<BR ALIGN="LEFT"/>'
LEGEND_WRAP: Final = 44
"""The width, in characters, a legend's explanations wrap at."""
_LEGEND: Final = (
    # (what was drawn, its mark, the Look colour it is drawn in, what it means)
    ("position", "▭ bold box", "ink", "an option (position); numbers 1, 2 … are the outline"),
    ("supports", "—— +", "support", "solid line, PRO +: a reason for what it points at"),
    ("attacks", "- - − ", "attack", "dashed line, CON −: an objection to what it points at"),
    (
        "undercuts",
        "· · ⊘",
        "undercut",
        "dotted line, UNDERCUT ⊘: an objection to the link between a reason and its claim",
    ),
    ("blank", "✎", "ink", "a box for you to fill: its line in italics says what belongs there"),
    ("co-premise", "●", "ink", "co-premises join at a dot: they hold only together"),
    ("reference", "▭ see 1.3", "muted", "an argument drawn elsewhere, or left out of this view"),
    ("hidden", "▭ dashed", "muted", "arguments left out of this view"),
    ("hidden-inline", "▸ +3 more", "muted", "arguments left out of this page, and where they are"),
    ("status-in", "✔ IN", "ink", "stands: every attack on it is defeated (argmap analyse)"),
    ("status-out", "✘ OUT", "ink", "defeated by an argument that stands"),
    ("status-undecided", "? UNDECIDED", "ink", "caught in a cycle the evaluation leaves open"),
    ("strength", "0.00", "ink", "strength from 0 to 1 (DF-QuAD), computed by argmap"),
    (
        "highlight-crux",
        "◆ heavy border",
        "highlight",
        "a crux: stakeholders who rate it apart rank different options first",
    ),
    (
        "highlight-pivot",
        "◆ heavy border",
        "highlight",
        "a pivot: taken out or rated otherwise, another option ranks first",
    ),
)


def legend_table(
    look: Look,
    kinds: Set[str],
    families: Iterable[tuple[str, str]] = (),
    *,
    on_page: bool = False,
) -> str | None:
    """The legend's label: a row for each kind of mark in ``kinds``, and for each colour
    family (fill, what it means) the map is coloured by (None if there is nothing)."""
    rows: list[str] = []
    lines: list[str] = []  # on a page: in the heading, as lines of text

    def row(mark: str, color: str, words: str) -> None:
        """A mark and what it means, the words wrapped (a legend as narrow as a node or
        two, never the width of the page)."""
        broken = [html(line) for line in wrap(words, LEGEND_WRAP, 4)]
        rows.append(
            f'<TR><TD ALIGN="LEFT" VALIGN="TOP"><FONT COLOR="{color}">{mark}</FONT></TD>'
            f'<TD ALIGN="LEFT">{_BR.join(broken)}{_BR}</TD></TR>'
        )
        indent = "      "
        lines.append(
            f'<FONT COLOR="{color}">{mark}</FONT>   ' + f"{_BR}{indent}".join(broken) + _BR
        )

    for kind, mark, color_of, words in _LEGEND:
        if kind in kinds:
            row(mark, getattr(look, color_of), words)
    if "advanced-by" in kinds:
        row("small grey", look.muted, "who advances the argument")
    for fill, label in families:
        row("■", fill, f"fill: {wrap(label, 40, 1)[0]}")
    if not rows:
        return None
    head = '<TR><TD ALIGN="LEFT" COLSPAN="2"><B>Legend</B></TD></TR>'
    if not on_page:  # a node of its own, framed as nodes are
        table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">'
        return f"{table}{head}{''.join(rows)}</TABLE>"
    # a table in a table stretches to the heading's width, so the heading has lines
    size = look.small_size + 1
    return f'<FONT POINT-SIZE="{size:g}"><B>Legend</B>{_BR}{"".join(lines)}</FONT>'
