"""A debate as a Graphviz DOT diagram: pure, deterministic text.

The map reads top-down: the question, then the positions, each argument beneath what it
supports or attacks. Edges are written from target to argument with ``dir=back`` so the
layout ranks arguments below their targets while the arrow still points at the target.
An argument whose inference is undercut, or that has co-premises, reaches its target
through a small junction: undercuts point at the junction (the link, not the claim), and
co-premises visibly join there.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Final

from argmap._gc import collector_paused
from argmap.exporters.encode import html, quoted, wrap
from argmap.exporters.options import ColorBy, DiagramOptions
from argmap.exporters.style import LOOKS, Look
from argmap.index import index
from argmap.model import Argument, Debate, is_slug
from argmap.outline import Outline

MAX_LABEL_LINES: Final = 8


@dataclass
class _Selection:
    shown: set[str]
    hidden_beneath: dict[str, int] = field(default_factory=dict)
    note: str | None = None
    whole: bool = False
    """Everything is shown."""


def select(debate: Debate, tree: Outline, options: DiagramOptions) -> _Selection:
    """Which positions and arguments to draw, and how many are left out beneath each.

    Each constraint narrows the set it is given, starting from the smallest (a position's
    branch, a focus), so a view costs what it shows, not what the debate holds.
    """
    idx = index(debate)
    total = len(tree.numbers)
    shown: set[str] | None = None  # None: everything
    reasons: list[str] = []
    if options.position is not None:
        shown = set(tree.subtree(options.position))
        reasons.append(f"position {tree.numbers[options.position]}")
    if options.focus is not None:
        base = tree.depth(options.focus)
        limit = None if options.depth is None else base + options.depth
        keep = {i for i in tree.subtree(options.focus) if limit is None or tree.depth(i) <= limit}
        keep |= _ancestors(tree, options.focus)
        shown = keep if shown is None else shown & keep
        reasons.append(f"focus on {tree.numbers[options.focus]}")
    if options.actor is not None:
        mine = set(idx.advanced_by.get(options.actor, ()))
        keep = mine | {x for i in mine for x in _ancestors(tree, i)}
        shown = keep if shown is None else shown & keep
        reasons.append(f"arguments by {options.actor}")
    if options.tag is not None:
        tagged = {a.id for a in debate.arguments if options.tag in a.tags}
        tagged |= {p.id for p in debate.positions if options.tag in p.tags}
        keep = tagged | {x for i in tagged for x in _ancestors(tree, i)}
        shown = keep if shown is None else shown & keep
        reasons.append(f"tag {options.tag}")
    if options.max_level is not None:
        pool = tree.numbers if shown is None else shown
        shown = {i for i in pool if tree.depth(i) <= options.max_level}
    if shown is None or len(shown) == total:  # the whole map: nothing hidden anywhere
        return _Selection(set(tree.numbers) if shown is None else shown, whole=True)
    hidden_beneath: dict[str, int] = {}
    sizes = idx.subtree_sizes
    for ident in shown:
        count = sum(sizes[kid] for kid in tree.children.get(ident, []) if kid not in shown)
        if count:
            hidden_beneath[ident] = count
    n_args = sum(1 for i in shown if i in idx.arguments)
    note = None
    if n_args < len(debate.arguments) and options.max_level is None:
        note = (
            f"Showing {n_args} of {len(debate.arguments)} arguments ({', '.join(reasons)})"
            if reasons
            else None
        )
    return _Selection(shown, hidden_beneath, note)


def _ancestors(tree: Outline, ident: str) -> set[str]:
    out: set[str] = set()
    node = tree.parent.get(ident)
    while node is not None and node not in out:
        out.add(node)
        node = tree.parent.get(node)
    return out


class _Writer:
    def __init__(self, debate: Debate, options: DiagramOptions) -> None:
        self.debate = debate
        self.options = options
        self.look: Look = LOOKS[options.theme]
        self.index = idx = index(debate)
        self.tree = idx.tree
        self.selection = select(debate, self.tree, options)
        self.args = idx.arguments
        self.names = idx.names
        self.actor_names = {a.id: a.name for a in debate.actors}
        # what is drawn, in file order: a view costs what it shows
        shown = self.selection.shown
        if self.selection.whole:
            self.positions = list(debate.positions)
            self.arguments = list(debate.arguments)
        else:
            order = idx.file_order
            ids = sorted(shown, key=order.__getitem__)
            self.positions = [idx.positions[i] for i in ids if i in idx.positions]
            self.arguments = [idx.arguments[i] for i in ids if i in idx.arguments]
        self.lines: list[str] = []
        self.badges: dict[str, str] = {}
        self.verdicts: dict[str, tuple[str, float]] = {}  # id -> (label, strength)
        if options.status or options.strengths or options.color_by is ColorBy.STATUS:
            from argmap.analysis import analyse

            result = analyse(debate, options.perspective)
            self.verdicts = {v.id: (str(v.label), v.strength) for v in result.arguments}
            self.verdicts |= {p.id: (str(p.label), p.strength) for p in result.positions}
        self.used: set[str] = set()  # legend entries: kinds of marks drawn
        self.families: dict[str, str] = {}  # family key -> fill, in order of first use
        self.family_labels: dict[str, str] = {}

    # -- helpers ---------------------------------------------------------------------
    def emit(self, line: str) -> None:
        self.lines.append("  " + line)

    def shown(self, ident: str) -> bool:
        return ident in self.selection.shown

    def relation(self, arg: Argument) -> str:
        if arg.supports:
            return "supports"
        if arg.attacks:
            return "attacks"
        return "undercuts"

    def family_fill(self, key: str, label: str, fill: str | None = None) -> str:
        if key not in self.families:
            palette = self.look.families
            self.families[key] = fill or palette[len(self.families) % len(palette)]
            self.family_labels[key] = label
        return self.families[key]

    def fill_for(self, arg: Argument) -> str:
        look, color_by = self.look, self.options.color_by
        if color_by is ColorBy.ACTOR:
            if arg.by:
                actor = arg.by[0]
                return self.family_fill(actor, self.actor_names.get(actor, actor))
            return "#FFFFFF"
        if color_by is ColorBy.POSITION:
            top = self.tree.numbers[arg.id].split(".")[0]
            root = self.tree.children[None][int(top) - 1]
            position = self.index.positions.get(root)
            title = (position.title or position.text) if position else root
            return self.family_fill(root, f"{top}  {title}")
        if color_by is ColorBy.STATUS:
            label = self.verdicts[arg.id][0]
            return self.family_fill(f"status-{label}", STATUS_WORDS[label], STATUS_FILLS[label])
        relation = self.relation(arg)
        if relation == "supports":
            return look.pro_fill
        return look.con_fill if relation == "attacks" else look.undercut_fill

    def status_mark(self, ident: str) -> str:
        """The words a node carries for its evaluation: ``✔ in 0.56``."""
        if ident not in self.verdicts:
            return ""
        label, strength = self.verdicts[ident]
        parts = []
        if self.options.status or self.options.color_by is ColorBy.STATUS:
            parts.append(STATUS_MARKS[label])
            self.used.add(f"status-{label}")
        if self.options.strengths:
            parts.append(f"{strength:.2f}")
            self.used.add("strength")
        return "  " + " ".join(parts) if parts else ""

    def badge_row(self, badge: str) -> str:
        """The small "who advances it" row; made once per distinct group of actors."""
        if badge in self.badges:
            return self.badges[badge]
        look = self.look
        lines = wrap(badge, self.options.wrap + 6, 2)
        small = "".join(f'{html(line)}<BR ALIGN="LEFT"/>' for line in lines)
        row = (
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{look.small_size:g}" '
            f'COLOR="{look.muted}">{small}</FONT></TD></TR>'
        )
        self.badges[badge] = row
        return row

    def label(
        self, number: str, marker: str, title: str | None, text: str, badge: str | None, blank: bool
    ) -> str:
        width = self.options.wrap
        head = f'<B>{number}</B>  {marker}<BR ALIGN="LEFT"/>'  # numbers are digits and dots
        if title and not blank:
            head += "".join(
                f'<B>{html(line)}</B><BR ALIGN="LEFT"/>' for line in wrap(title, width, 2)
            )
        rows = [f'<TR><TD ALIGN="LEFT">{head}</TD></TR>']
        if blank:
            body = '<BR ALIGN="LEFT"/>'.join(["_" * min(width, 28)] * 3) + '<BR ALIGN="LEFT"/>'
        else:
            lines = wrap(text, width, MAX_LABEL_LINES)
            body = "".join(f'{html(line)}<BR ALIGN="LEFT"/>' for line in lines)
        rows.append(f'<TR><TD ALIGN="LEFT">{body}</TD></TR>')
        if badge:
            rows.append(self.badge_row(badge))
        table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        return f"<{table}{''.join(rows)}</TABLE>>"

    # -- the graph ---------------------------------------------------------------------
    def write(self) -> str:
        d, look, opts = self.debate, self.look, self.options
        title = "<BR/>".join(html(line) for line in wrap(d.title, 72, 2))
        caption = (
            f'<BR/><FONT POINT-SIZE="{look.small_size:g}">{html(opts.caption)}</FONT>'
            if opts.caption
            else ""
        )
        note = self.selection.note
        note_html = (
            f'<BR/><FONT POINT-SIZE="{look.small_size:g}">{html(note)}</FONT>' if note else ""
        )
        out = [
            "digraph argmap {",
            f"  graph [rankdir={opts.rankdir.value}, newrank=true, nodesep=0.2, ranksep=0.35, "
            f'fontname="{look.font}", fontsize={look.font_size + 4:g}, fontcolor="{look.ink}", '
            f'labelloc=t, label=<<B>{title}</B>{caption}{note_html}>, bgcolor="#FFFFFF", '
            f'pad=0.3, charset="UTF-8"];',
            f'  node [shape=box, style="rounded,filled", fontname="{look.font}", '
            f'fontsize={look.font_size:g}, fontcolor="{look.ink}", color="{look.ink}", '
            f'penwidth={look.pen:g}, margin="0.12,0.06"];',
            f'  edge [fontname="{look.font}", fontsize={look.small_size + 2:g}, '
            f"penwidth={look.pen:g}, arrowsize=0.8];",
        ]
        self.lines = out
        self.write_question()
        self.write_positions()
        self.write_arguments()
        self.write_edges()
        self.write_hidden()
        if opts.legend:
            self.write_legend()
        self.lines.append("}")
        return "\n".join(self.lines) + "\n"

    def write_question(self) -> None:
        look = self.look
        label = "".join(
            f"{html(line)}<BR/>" for line in wrap(self.debate.question, self.options.wrap + 16, 4)
        )
        self.emit(
            f'q [shape=box, style="filled,bold", fillcolor="{look.question_fill}", '
            f'label=<<B>Question</B><BR/>{label}>, tooltip="Question"];'
        )

    def write_positions(self) -> None:
        look = self.look
        for p in self.positions:
            number = self.tree.numbers[p.id]
            marker = ("OPTION · status quo" if p.status_quo else "OPTION") + self.status_mark(p.id)
            blank = p.id in self.options.blank
            label = self.label(number, marker, p.title, p.text, None, blank)
            url = _anchor("pos", p.id)
            tooltip = quoted(accessible_name(number, marker, None if blank else p.title))
            fill = look.position_fill
            if self.options.color_by is ColorBy.STATUS:
                label_ = self.verdicts[p.id][0]
                fill = self.family_fill(
                    f"status-{label_}", STATUS_WORDS[label_], STATUS_FILLS[label_]
                )
            if self.options.color_by is ColorBy.POSITION:
                fill = self.family_fill(p.id, f"{number}  {p.title or p.text}")
            self.emit(
                f'{self.names[p.id]} [id="map-{self.names[p.id]}", style="filled,bold", '
                f'fillcolor="{fill}", penwidth='
                f'{look.pen * 1.8:g}, label={label}, URL="{url}", tooltip={tooltip}];'
            )
            self.emit(f'q -> {self.names[p.id]} [dir=none, color="{look.muted}"];')
        self.used.add("position")

    def write_arguments(self) -> None:
        for a in self.arguments:
            relation = self.relation(a)
            marker = MARKERS[relation]
            badge = " · ".join(self.actor_names.get(x, x) for x in a.by) or None
            blank = a.id in self.options.blank
            shown_marker = marker + self.status_mark(a.id)
            label = self.label(self.tree.numbers[a.id], shown_marker, a.title, a.text, badge, blank)
            number = self.tree.numbers[a.id]
            tooltip = quoted(accessible_name(number, marker, None if blank else a.title))
            fill = self.fill_for(a)
            style = "rounded,filled,dashed" if relation == "attacks" else "rounded,filled"
            if relation == "undercuts":
                style = "rounded,filled,dotted"
            self.emit(
                f'{self.names[a.id]} [id="map-{self.names[a.id]}", style="{style}", '
                f'fillcolor="{fill}", label={label}, '
                f'URL="{_anchor("arg", a.id)}", tooltip={tooltip}];'
            )

    def write_edges(self) -> None:
        look = self.look
        groups = self.index.groups
        undercut = self.index.undercutters
        junctions: dict[tuple[tuple[str, ...], str, str], str] = {}
        junctions_of: dict[str, list[str]] = defaultdict(list)
        for a in self.arguments:
            for relation in ("supports", "attacks"):
                for target in getattr(a, relation):
                    if not self.shown(target):
                        continue
                    primary = self.tree.parent.get(a.id) == target
                    group = groups.get(a.id, (a.id,))
                    needs_junction = len(group) > 1 or a.id in undercut
                    attrs = _edge_attrs(look, relation, primary)
                    if not needs_junction:
                        self.emit(f"{self.names[target]} -> {self.names[a.id]} [{attrs}];")
                        self.used.add(relation)
                        continue
                    key = (group, relation, target)
                    if key not in junctions:
                        name = f"j{len(junctions) + 1}"
                        junctions[key] = name
                        self.emit(
                            f'{name} [shape=point, width=0.09, color="{_color(look, relation)}", '
                            f'label="", tooltip="link"];'
                        )
                        self.emit(f"{self.names[target]} -> {name} [{attrs}];")
                        self.used.add(relation)
                        if len(group) > 1:
                            self.used.add("co-premise")
                    name = junctions[key]
                    for member in group:
                        junctions_of[member].append(name)
                    self.emit(
                        f"{name} -> {self.names[a.id]} [dir=none, "
                        f'color="{_color(look, relation)}", '
                        f'style="{_line(relation)}"{"" if primary else ", constraint=false"}];'
                    )
        for a in self.arguments:
            for target in a.undercuts:
                if not self.shown(target):
                    continue
                primary = self.tree.parent.get(a.id) == target
                attrs = _edge_attrs(look, "undercuts", primary)
                for junction in dict.fromkeys(junctions_of.get(target, [])):
                    self.emit(f"{junction} -> {self.names[a.id]} [{attrs}];")
                    self.used.add("undercuts")

    def write_hidden(self) -> None:
        look = self.look
        for n, (ident, count) in enumerate(
            sorted(self.selection.hidden_beneath.items(), key=lambda kv: self.names[kv[0]]), 1
        ):
            name = f"m{n}"
            words = f"+{count} more beneath {self.tree.numbers[ident]}"
            self.emit(
                f'{name} [shape=box, style="rounded,dashed", color="{look.muted}", '
                f'fontcolor="{look.muted}", label="{words}"];'
            )
            self.emit(
                f'{self.names[ident]} -> {name} [dir=none, style=dashed, color="{look.muted}"];'
            )
            self.used.add("hidden")

    def write_legend(self) -> None:
        look = self.look
        rows: list[str] = []

        def row(mark: str, color: str, words: str) -> None:
            rows.append(
                f'<TR><TD ALIGN="LEFT"><FONT COLOR="{color}">{mark}</FONT></TD>'
                f'<TD ALIGN="LEFT">{words}</TD></TR>'
            )

        for mark_kind, mark, color_of, words in _LEGEND:
            if mark_kind in self.used:
                row(mark, getattr(look, color_of), words)
        if any(a.by for a in self.arguments):
            row("small grey", look.muted, "who advances the argument")
        for key, fill in self.families.items():
            name = wrap(self.family_labels[key], 40, 1)[0]
            row("■", fill, f"fill: {html(name)}")
        if not rows:
            return
        table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">'
        head = '<TR><TD ALIGN="LEFT" COLSPAN="2"><B>Legend</B></TD></TR>'
        self.emit(
            f'legend [shape=box, style="rounded", color="{look.muted}", '
            f"fontsize={look.small_size + 1:g}, label=<{table}{head}{''.join(rows)}</TABLE>>];"
        )
        self.emit("{rank=sink; legend}")


STATUS_MARKS: Final = {"in": "✔ IN", "out": "✘ OUT", "undecided": "? UNDECIDED"}
STATUS_WORDS: Final = {
    "in": "✔ IN: stands (every attack on it is defeated)",
    "out": "✘ OUT: defeated by an argument that stands",
    "undecided": "? UNDECIDED: caught in a cycle the evaluation leaves open",
}
STATUS_FILLS: Final = {"in": "#D8EFE3", "out": "#E6E6E6", "undecided": "#FDF1C7"}

_LEGEND: Final = (
    # (what was drawn, its mark, the Look colour it is drawn in, what it means)
    ("position", "▭ bold box", "ink", "an option (position); numbers 1, 2 … are the outline"),
    ("supports", "—— +", "support", "solid line, PRO +: a reason for what it points at"),
    ("attacks", "- - − ", "attack", "dashed line, CON −: an objection to what it points at"),
    ("undercuts", "· · ⊘", "undercut", "dotted line, UNDERCUT ⊘: disputes the link, not the claim"),
    ("co-premise", "●", "ink", "co-premises join at a dot: they hold only together"),
    ("hidden", "▭ dashed", "muted", "arguments left out of this view"),
    ("status-in", "✔ IN", "ink", "stands: every attack on it is defeated (argmap analyse)"),
    ("status-out", "✘ OUT", "ink", "defeated by an argument that stands"),
    ("status-undecided", "? UNDECIDED", "ink", "caught in a cycle the evaluation leaves open"),
    ("strength", "0.00", "ink", "strength from 0 to 1 (DF-QuAD), computed by argmap"),
)


def accessible_name(number: str, marker: str, title: str | None) -> str:
    """A node's short name for tooltips and screen readers: ``1.2 PRO +: Spying risk``."""
    return f"{number} {marker}: {title}" if title else f"{number} {marker}"


def node_names(debate: Debate) -> dict[str, str]:
    """The synthetic DOT node name of every position and argument (``p1``, ``a3`` …)."""
    return index(debate).names


MARKERS: Final = {"supports": "PRO +", "attacks": "CON −", "undercuts": "UNDERCUT ⊘"}


def _anchor(prefix: str, ident: str) -> str:
    """``#arg-<id>`` for the brief to link to; ids are slugs, checked again here."""
    if not is_slug(ident):  # pragma: no cover - the model only admits slugs
        raise ValueError(f"not a slug: {ident!r}")
    return f"#{prefix}-{ident}"


def _color(look: Look, relation: str) -> str:
    return {"supports": look.support, "attacks": look.attack, "undercuts": look.undercut}[relation]


def _line(relation: str) -> str:
    return {"supports": "solid", "attacks": "dashed", "undercuts": "dotted"}[relation]


@functools.cache
def _edge_attrs(look: Look, relation: str, primary: bool) -> str:
    mark = {"supports": "+", "attacks": "−", "undercuts": "⊘"}[relation]
    arrow = {"supports": "normal", "attacks": "tee", "undercuts": "odot"}[relation]
    # the mark sits by the arrowhead as a tail label: a label in the middle of an edge
    # would be a node of its own to Graphviz, and doubled the time of a large layout
    attrs = (
        f'dir=back, arrowtail={arrow}, style="{_line(relation)}", '
        f'color="{_color(look, relation)}", '
        f'labelfontcolor="{_color(look, relation)}", taillabel=" {mark} ", '
        "labeldistance=1.8, labelangle=-35"
    )
    return attrs if primary else attrs + ", constraint=false"


def export_dot(debate: Debate, options: DiagramOptions | None = None) -> str:
    """The debate as DOT text: deterministic, every user string escaped."""
    with collector_paused():
        return _Writer(debate, options or DiagramOptions()).write()
