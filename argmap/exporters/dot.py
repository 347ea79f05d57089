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
import itertools
import math
from collections import defaultdict
from typing import Final

from argmap._gc import collector_paused
from argmap.exporters.encode import html, quoted, shorten, wrap
from argmap.exporters.legend import legend_table
from argmap.exporters.options import ColorBy, DiagramOptions, Highlight, Sheet
from argmap.exporters.selection import ancestors, select
from argmap.exporters.style import LOOKS, Look
from argmap.index import index
from argmap.model import Argument, Debate, is_slug
from argmap.paper import MIN_TEXT, POINTS_PER_MM

MAX_LABEL_LINES: Final = 8
SHORT_TEXT: Final = 60
"""How much of a text without a title a one-line label shows, cut at a word."""
BADGE_LINES: Final = 20
CAPTION_WIDTH: Final = 64
"""Characters per line of a caption: a page's says a lot, and must not widen the page."""
WRITING_LINES: Final = 3
"""The fewest writing lines a worksheet's blank has."""
CHAR_WIDTH: Final = 0.6
"""A generous average character width, in ems, for text that must fit a fixed cell."""
LINE_HEIGHT: Final = 1.3
"""The height of a line of text, in ems (Graphviz with DejaVu Sans sets about 1.2)."""


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
        self.highlighted: dict[str, str] = {}  # argument id -> why it is marked
        evaluated = options.status or options.strengths or options.color_by is ColorBy.STATUS
        if evaluated or options.highlight is not None:
            from argmap.analysis import analyse

            result = analyse(debate, options.perspective, search=options.highlight is not None)
            if evaluated:
                self.verdicts = {v.id: (str(v.label), v.strength) for v in result.arguments}
                self.verdicts |= {p.id: (str(p.label), p.strength) for p in result.positions}
            if options.highlight is Highlight.CRUXES:
                for crux in result.cruxes:
                    self.highlighted.update(dict.fromkeys(crux.arguments, "crux"))
            elif options.highlight is Highlight.PIVOTS:
                self.highlighted = {p.argument: "pivot" for p in result.pivots}
        self.used: set[str] = set()  # legend entries: kinds of marks drawn
        self.references: list[str] = []  # the argument each reference node names
        self.leaving = self.links_out()  # argument -> the targets the view leaves out
        self.shown_ids = [p.id for p in self.positions] + [a.id for a in self.arguments]
        self.families: dict[str, str] = {}  # family key -> fill, in order of first use
        self.family_labels: dict[str, str] = {}
        self.dark: set[str] = set()  # DOT nodes laid out but not drawn (a reveal's later steps)
        self._inline: dict[str, list[str]] | None = None  # a page's markers, by element
        self.sheet = options.sheet or writing_sheet(self.look)

    # -- helpers ---------------------------------------------------------------------
    def emit(self, line: str) -> None:
        self.lines.append("  " + line)

    def shown(self, ident: str) -> bool:
        return ident in self.selection.shown

    def later(self, ident: str) -> bool:
        """Whether a reveal shows ``ident`` only in a later step."""
        return self.options.visible is not None and ident not in self.options.visible

    def node(self, name: str, attrs: str, dark: bool = False) -> None:
        """A node; a dark one keeps its place in the layout but is not drawn."""
        if dark:
            self.dark.add(name)
            attrs += ", style=invis"
        self.emit(f"{name} [{attrs}];")

    def edge(self, tail: str, head: str, attrs: str) -> None:
        """An edge, drawn only if both its ends are."""
        if tail in self.dark or head in self.dark:
            attrs += ", style=invis"
        self.emit(f"{tail} -> {head} [{attrs}];")

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
        # every name whole, wrapped (a name is cut only past BADGE_LINES lines: hostile)
        lines = wrap(badge, self.options.wrap + 6, BADGE_LINES)
        small = "".join(f'{html(line)}<BR ALIGN="LEFT"/>' for line in lines)
        row = (
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{look.small_size:g}" '
            f'COLOR="{look.muted}">{small}</FONT></TD></TR>'
        )
        self.badges[badge] = row
        return row

    def label(
        self,
        ident: str,
        number: str,
        marker: str,
        title: str | None,
        text: str,
        badge: str | None,
        blank: bool,
    ) -> str:
        """A node's label: number and marker, title, text and who advances it. A blank
        (a worksheet's) is a fixed cell with writing lines; on the answer key the same
        cell holds the text, so both have the same layout."""
        width = self.options.wrap
        head = f"<B>{number}</B>  {marker}"  # numbers are digits and dots
        if blank:
            head += "  ✎"
        head += '<BR ALIGN="LEFT"/>'
        if blank:
            self.used.add("blank")
            task = self.instruction(ident)
            # as wide as the cell it heads, and never cut: a student needs all of it
            head += "".join(
                f'<I>{html(line)}</I><BR ALIGN="LEFT"/>'
                for line in wrap(task, self.cell_chars(), 8)
            )
            rows = [f'<TR><TD ALIGN="LEFT">{head}</TD></TR>', self.blank_cell(title, text)]
        else:
            if title:
                head += "".join(
                    f'<B>{html(line)}</B><BR ALIGN="LEFT"/>' for line in wrap(title, width, 2)
                )
            lines = wrap(text, width, MAX_LABEL_LINES)
            body = "".join(f'{html(line)}<BR ALIGN="LEFT"/>' for line in lines)
            rows = [
                f'<TR><TD ALIGN="LEFT">{head}</TD></TR>',
                f'<TR><TD ALIGN="LEFT">{body}</TD></TR>',
            ]
        if badge:
            rows.append(self.badge_row(badge))
        rows += self.marker_rows(ident)
        table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        return f"<{table}{''.join(rows)}</TABLE>>"

    def instruction(self, ident: str) -> str:
        """What a blank asks for, by its kind: a reason for what it points at, an
        objection to it, or an objection to the link between a reason and its claim."""
        argument = self.args.get(ident)
        parent = self.tree.parent.get(ident)
        if argument is None or parent is None:
            return "Write the argument that belongs here."
        target = _named_number(self.tree.numbers[parent])
        relation = self.relation(argument)
        if relation == "supports":
            return f"Write a reason for {target}."
        if relation == "attacks":
            return f"Write an objection to {target}: why it may not be true."
        claim = self.tree.parent.get(parent)
        shown = _named_number(self.tree.numbers[claim]) if claim else "its claim"
        return f"Write why {target} does not show {shown}, even if {target} is true."

    def signpost(self, ident: str, number: str, marker: str, title: str, blank: bool) -> str:
        """A one-line label for an element a page draws only to say where its focus sits
        (``1.2  PRO +  Spying risk (p. 3)``); with ``titles_only``, every element's."""
        if self.options.titles_only and not blank:
            return self.title_label(ident, number, marker, title)
        words = "" if blank else "  " + html(wrap(title, self.options.wrap + 8, 1)[0])
        note = html(self.page_note(ident))
        size = self.look.small_size + 1
        return f'<<FONT POINT-SIZE="{size:g}"><B>{number}</B>  {marker}{words}{note}</FONT>>'

    def title_label(self, ident: str, number: str, marker: str, title: str) -> str:
        """An element as its number, marker and title in full, wrapped (a text without a
        title shortened at a word: the whole text is in the brief's Options)."""
        words = [html(line) for line in wrap(title, self.options.wrap + 8, 4)]
        note = html(self.page_note(ident))
        size = self.look.small_size + 1
        body = '<BR ALIGN="LEFT"/>'.join(words)
        return (
            f'<<FONT POINT-SIZE="{size:g}"><B>{number}</B>  {marker}<BR ALIGN="LEFT"/>'
            f'{body}{note}<BR ALIGN="LEFT"/></FONT>>'
        )

    def cell_chars(self) -> int:
        """How many characters of body text a line of a blank's cell holds."""
        width = self.sheet.cell_width - 4
        return max(8, int(width / (CHAR_WIDTH * self.look.font_size)))

    def blank_cell(self, title: str | None, text: str) -> str:
        """The row of a blank: a cell of fixed size, tall enough for the text that belongs
        there, with writing lines on the sheet and that text on the key."""
        sheet = self.sheet
        chars = self.cell_chars()
        lines = [f"<B>{html(line)}</B>" for line in wrap(title, chars, 2)] if title else []
        lines += [html(line) for line in wrap(text, chars, MAX_LABEL_LINES)]
        gap = sheet.line_gap
        size = self.look.font_size
        rows = max(WRITING_LINES, math.ceil((len(lines) * LINE_HEIGHT * size + 4) / gap))
        cell = (
            f'<TD FIXEDSIZE="TRUE" WIDTH="{sheet.cell_width:.0f}" HEIGHT="{rows * gap:.0f}" '
            'ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT"'
        )
        if sheet.key:
            return f"<TR>{cell}>{'<BR/>'.join(lines)}<BR/></TD></TR>"
        ruled = "".join(
            f'<TR><TD SIDES="B" BORDER="1" COLOR="{self.look.muted}" FIXEDSIZE="TRUE" '
            f'WIDTH="{sheet.cell_width - 2:.0f}" HEIGHT="{gap - (2 if n == 1 else 0):.0f}"> '
            "</TD></TR>"
            for n in range(1, rows + 1)
        )
        inner = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        return f"<TR>{cell}>{inner}{ruled}</TABLE></TD></TR>"

    # -- the graph ---------------------------------------------------------------------
    def write(self) -> str:
        look, opts = self.look, self.options
        body = self.lines  # the nodes first: the heading counts the references they made
        self.write_question()
        self.write_positions()
        self.write_arguments()
        self.write_edges()
        self.write_hidden()
        self.write_rows()
        if opts.legend and opts.pages is None:  # a page has it in its heading
            self.write_legend()
        head = [
            "digraph argmap {",
            f"  graph [rankdir={opts.rankdir.value}, newrank=true, ordering=out, nodesep=0.2, "
            f'ranksep=0.35, fontname="{look.font}", fontsize={look.font_size + 4:g}, '
            f'fontcolor="{look.ink}", labelloc=t, label={self.heading()}, bgcolor="#FFFFFF", '
            f'pad={opts.pad:g}, charset="UTF-8"];',
            f'  node [shape=box, style="rounded,filled", fontname="{look.font}", '
            f'fontsize={look.font_size:g}, fontcolor="{look.ink}", color="{look.ink}", '
            f'penwidth={look.pen:g}, margin="0.12,0.06"];',
            f'  edge [fontname="{look.font}", fontsize={look.small_size + 2:g}, '
            f"penwidth={look.pen:g}, arrowsize=0.8];",
        ]
        return "\n".join(head + body) + "\n}\n"

    def heading(self) -> str:
        """The map's title, with what the view leaves out, the caption (a step, a page),
        on a worksheet lines for name, class and date and the task, and on a page of a
        map split over pages the legend (beside the map it would widen the page)."""
        look, opts = self.look, self.options
        title = "<BR/>".join(html(line) for line in wrap(self.debate.title, 72, 2))
        rows = [f"<B>{title}</B>"]
        deck = opts.visible is not None and opts.pages is not None
        if deck:  # a step of a deck: the title and question are on its first slide
            rows = []
        elif opts.compact_context:
            lines = wrap(f"Question: {self.debate.question}", CAPTION_WIDTH + 16, 3)
            question = "<BR/>".join(html(line) for line in lines)
            rows.append(f'<FONT POINT-SIZE="{look.font_size:g}">{question}</FONT>')
        note = None if opts.pages is not None else self.selection.note  # a page's caption says
        if note and self.references:
            n = len(dict.fromkeys(self.references))
            note += f"; {n} more named in a reference"
        if note:
            rows.append(f'<FONT POINT-SIZE="{look.small_size:g}">{html(note)}</FONT>')
        if opts.caption:
            # a page's caption says where the rest is: body size, printed as large as the text
            size = opts.caption_size or (look.font_size if opts.pages else look.small_size)
            caption = "<BR/>".join(html(line) for line in wrap(opts.caption, CAPTION_WIDTH, 4))
            rows.append(f'<FONT POINT-SIZE="{size:g}">{caption}</FONT>')
        legend = self.legend_table() if opts.legend and opts.pages is not None else None
        if opts.sheet is None and legend is None:
            return "<" + ("<BR/>".join(rows) or " ") + ">"
        span = 6 if opts.sheet is not None else 1
        out = [f'<TR><TD COLSPAN="{span}">{row}</TD></TR>' for row in rows]
        if opts.sheet is not None:
            out += self.sheet_rows()
        if legend is not None:
            out.append(f'<TR><TD COLSPAN="{span}" BALIGN="LEFT">{legend}</TD></TR>')
        table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">'
        return f"<{table}{''.join(out)}</TABLE>>"

    def sheet_rows(self) -> list[str]:
        """A worksheet's heading rows: name, class and date to write on, and the task;
        the key's have the same size, with "ANSWER KEY" where the name goes."""
        sheet, look = self.sheet, self.look
        gap = sheet.line_gap
        size = look.font_size

        def line(width: float, words: str = " ") -> str:
            border = "" if sheet.key else f' SIDES="B" BORDER="1" COLOR="{look.muted}"'
            return (
                f'<TD{border} FIXEDSIZE="TRUE" WIDTH="{width:.0f}" HEIGHT="{gap:.0f}" '
                f'ALIGN="LEFT" VALIGN="BOTTOM">{words}</TD>'
            )

        def word(text: str) -> str:  # fixed, so the key's blank words take the same room
            shown = " " if sheet.key else f'<FONT POINT-SIZE="{size:g}">{text}</FONT>'
            return (
                f'<TD FIXEDSIZE="TRUE" WIDTH="{4.5 * size:.0f}" HEIGHT="{gap:.0f}" '
                f'ALIGN="RIGHT" VALIGN="BOTTOM">{shown}</TD>'
            )

        name = f'<FONT POINT-SIZE="{size:g}"><B>ANSWER KEY</B></FONT>' if sheet.key else " "
        fields = (
            f"{word('Name')}{line(sheet.cell_width, name)}"
            f"{word('Class')}{line(sheet.cell_width * 0.4)}"
            f"{word('Date')}{line(sheet.cell_width * 0.45)}"
        )
        task = f'<FONT POINT-SIZE="{size:g}">{html(sheet.task)}</FONT>'
        return [f"<TR>{fields}</TR>", f'<TR><TD COLSPAN="6">{task}</TD></TR>']

    def write_question(self) -> None:
        look = self.look
        if self.options.compact_context:  # a page of a branch: the question is its heading
            return
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
            if p.id in self.selection.context or self.options.titles_only:
                title = p.title or shorten(p.text, SHORT_TEXT)
                label = self.signpost(p.id, number, marker, title, blank)
            else:
                label = self.label(p.id, number, marker, p.title, p.text, None, blank)
            tooltip = quoted(accessible_name(number, marker, None if blank else p.title))
            fill = look.position_fill
            if self.options.color_by is ColorBy.STATUS:
                label_ = self.verdicts[p.id][0]
                fill = self.family_fill(
                    f"status-{label_}", STATUS_WORDS[label_], STATUS_FILLS[label_]
                )
            if self.options.color_by is ColorBy.POSITION:
                fill = self.family_fill(p.id, f"{number}  {p.title or p.text}")
            self.node(
                self.names[p.id],
                f'id="map-{self.names[p.id]}", style="filled,bold", fillcolor="{fill}", '
                f"penwidth={look.pen * 1.8:g}, label={label}{self.link(p.id, 'pos')}, "
                f"tooltip={tooltip}",
                self.later(p.id),
            )
            if not self.options.compact_context:
                self.edge("q", self.names[p.id], f'dir=none, color="{look.muted}"')
        self.used.add("position")

    def write_arguments(self) -> None:
        for a in self.arguments:
            relation = self.relation(a)
            marker = MARKERS[relation]
            badge = " · ".join(self.actor_names.get(x, x) for x in a.by) or None
            if badge:
                self.used.add("advanced-by")
            blank = a.id in self.options.blank
            shown_marker = marker + self.status_mark(a.id)
            why = self.highlighted.get(a.id)
            if why:
                shown_marker += " ◆"
                self.used.add(f"highlight-{why}")
            number = self.tree.numbers[a.id]
            if a.id in self.selection.context or self.options.titles_only:
                title = a.title or shorten(a.text, SHORT_TEXT)
                label = self.signpost(a.id, number, shown_marker, title, blank)
            else:
                label = self.label(a.id, number, shown_marker, a.title, a.text, badge, blank)
            tooltip = quoted(accessible_name(number, marker, None if blank else a.title))
            fill = self.fill_for(a)
            style = "rounded,filled,dashed" if relation == "attacks" else "rounded,filled"
            if relation == "undercuts":
                style = "rounded,filled,dotted"
            look = self.look
            marked = f', color="{look.highlight}", penwidth={look.pen * 3:g}' if why else ""
            if why:
                tooltip = quoted(
                    accessible_name(number, marker, None if blank else a.title) + f" ({why})"
                )
            self.node(
                self.names[a.id],
                f'id="map-{self.names[a.id]}", style="{style}", fillcolor="{fill}", '
                f"label={label}{self.link(a.id)}, tooltip={tooltip}{marked}",
                self.later(a.id),
            )

    def write_edges(self) -> None:
        """Every link between two drawn nodes; a short reference ("see 1.3") at a drawn
        target for an argument drawn elsewhere (a second target, unless ``long_edges``)
        or not drawn at all (a view); and a count of the links that leave the view."""
        look = self.look
        undercut = self.index.undercutters
        # keyed by a group's first member: the groups of one target partition its
        # arguments, and hashing a whole group per member would cost its size squared
        junctions: dict[tuple[str, str, str], str] = {}
        junctions_of: dict[str, list[str]] = defaultdict(list)
        pending_cuts: list[tuple[str, str, bool]] = []  # (argument, target, as a reference)
        long_edges = self.options.long_edges
        context = self.selection.context
        joint: list[tuple[str, str, str, tuple[str, ...]]] = []  # co-premise references
        for a in self.arguments:
            parent = self.tree.parent.get(a.id)
            for relation in ("supports", "attacks"):
                for target in getattr(a, relation):
                    if a.id in context and target != parent:
                        continue  # a signpost's other links are drawn on its own page
                    if not self.shown(target):
                        continue  # counted in a marker
                    primary = parent == target
                    group = self.index.group(a.id, target)
                    if not primary and not long_edges:
                        if len(group) > 1:  # joins its co-premises' junction, once drawn
                            joint.append((a.id, relation, target, group))
                        else:
                            self.reference(a.id, relation, target)
                        continue
                    needs_junction = len(group) > 1 or a.id in undercut
                    attrs = _edge_attrs(look, relation, primary)
                    if not needs_junction:
                        self.edge(self.names[target], self.names[a.id], attrs)
                        self.used.add(relation)
                        continue
                    key = (group[0], relation, target)
                    if key not in junctions:
                        name = f"j{len(junctions) + 1}"
                        junctions[key] = name
                        self.node(
                            name,
                            f'shape=point, width=0.09, color="{_color(look, relation)}", '
                            'label="", tooltip="link"',
                            self.later(target) or all(map(self.later, group)),
                        )
                        self.edge(self.names[target], name, attrs)
                        self.used.add(relation)
                        if len(group) > 1:
                            self.used.add("co-premise")
                        for member in group:  # once per junction: linear in the group
                            junctions_of[member].append(name)
                    name = junctions[key]
                    self.edge(
                        name,
                        self.names[a.id],
                        f'dir=none, color="{_color(look, relation)}", style="{_line(relation)}"'
                        + ("" if primary else ", constraint=false"),
                    )
            for target in a.undercuts:
                if a.id in context and target != parent:
                    continue
                if not self.shown(target):
                    continue
                as_reference = parent != target and not long_edges
                pending_cuts.append((a.id, target, as_reference))
        for source, relation, target, group in joint:
            junction = junctions.get((group[0], relation, target))
            if junction is None:  # no member of the group is drawn there
                self.reference(source, relation, target)
                continue
            self.edge(
                junction,
                self.reference_node(source, junction in self.dark),
                f'dir=none, color="{_color(look, relation)}", style="{_line(relation)}"',
            )
            self.used.add(relation)
        # arguments outside the view that bear on what it shows: a reference each
        if not self.selection.whole:
            for t in self.shown_ids:
                if t in context:
                    continue
                for relation, sources in (
                    ("supports", self.index.supporters.get(t, ())),
                    ("attacks", self.index.attackers.get(t, ())),
                ):
                    for source in sources:  # those numbered beneath t: counted as hidden
                        if not self.shown(source) and self.tree.parent.get(source) != t:
                            self.reference(source, relation, t)
                for source in self.index.undercutters.get(t, ()):
                    if not self.shown(source) and self.tree.parent.get(source) != t:
                        pending_cuts.append((source, t, True))
        # an undercut points at a junction on its target's link; an undercut that is
        # undercut in turn (or has co-premises) gets a junction of its own, so the cuts
        # are drawn in rounds: each once its target's junctions exist
        while pending_cuts:
            waiting = []
            for source, target, as_reference in pending_cuts:
                spots = list(dict.fromkeys(junctions_of.get(target, [])))
                if not spots:
                    waiting.append((source, target, as_reference))
                    continue
                for junction in spots:
                    self.cut(junction, source, target, as_reference, junctions, junctions_of)
            if len(waiting) == len(pending_cuts):  # a cycle of undercuts: drawn plainly
                for source, target, as_reference in waiting:
                    self.cut(
                        self.names[target], source, target, as_reference, junctions, junctions_of
                    )
                break
            pending_cuts = waiting

    def cut(
        self,
        junction: str,
        source: str,
        target: str,
        as_reference: bool,
        junctions: dict[tuple[str, str, str], str],
        junctions_of: dict[str, list[str]],
    ) -> None:
        """The undercut of ``target``'s link by ``source``, drawn at ``junction``."""
        look = self.look
        primary = self.tree.parent.get(source) == target
        attrs = _edge_attrs(look, "undercuts", primary or as_reference)
        self.used.add("undercuts")
        if as_reference:
            self.edge(junction, self.reference_node(source, junction in self.dark), attrs)
            return
        group = self.index.group(source, target)
        if len(group) == 1 and source not in self.index.undercutters:
            self.edge(junction, self.names[source], attrs)
            return
        key = (group[0], "undercuts", junction)
        if key not in junctions:
            name = f"j{len(junctions) + 1}"
            junctions[key] = name
            self.node(
                name,
                f'shape=point, width=0.09, color="{look.undercut}", label="", tooltip="link"',
                junction in self.dark or all(map(self.later, group)),
            )
            self.edge(junction, name, attrs)
            if len(group) > 1:
                self.used.add("co-premise")
            for member in group:
                junctions_of[member].append(name)
        self.edge(
            junctions[key],
            self.names[source],
            f'dir=none, color="{look.undercut}", style="dotted"'
            + ("" if primary else ", constraint=false"),
        )

    def reference(self, ident: str, relation: str, target: str) -> None:
        """A short reference to ``ident`` beside ``target``, linked as ``relation``."""
        attrs = _edge_attrs(self.look, relation, True)
        name = self.names[target]
        self.edge(name, self.reference_node(ident, name in self.dark), attrs)
        self.used.add(relation)

    def link(self, ident: str, kind: str = "arg") -> str:
        """An element's link to its place in the brief (``kind`` "pos" for an option),
        as a DOT attribute; none for a worksheet's blank, whose id would give the answer
        away to anyone who points at it (``#arg-trade-war-motive`` on a box the student
        is to fill in)."""
        if ident in self.options.blank:
            return ""
        return f', URL="{anchor(kind, ident)}"'

    def reference_node(self, ident: str, dark: bool = False) -> str:
        """A new small node that names ``ident`` by number and title, ``see 1.3 …``, and
        the page it is on when the map is split over pages: ``(p. 4)``."""
        look = self.look
        name = f"r{len(self.references) + 1}"
        self.references.append(ident)
        a = self.args[ident]
        number = self.tree.numbers[ident]
        words = f"see {number}"
        if a.title and ident not in self.options.blank:
            words += " " + wrap(a.title, self.options.wrap, 1)[0]
        elif ident not in self.options.blank:
            words += " " + wrap(a.text, self.options.wrap, 1)[0]
        words += self.page_note(ident)
        self.node(
            name,
            f'id="see-{self.names[ident]}-{len(self.references)}", shape=box, '
            f'style="rounded,dashed", color="{look.muted}", fontcolor="{look.ink}", '
            f'fillcolor="#FFFFFF", fontsize={look.small_size + 1:g}, margin="0.06,0.03", '
            f"label=<{html(words)}>{self.link(ident)}, tooltip={quoted(words)}",
            dark or self.later(ident),
        )
        self.used.add("reference")
        return name

    def page_note(self, ident: str) -> str:
        """`` (p. 4)``: the page ``ident`` is drawn on, if it is another page of a split map."""
        pages = self.options.pages
        home = pages.home.get(ident) if pages is not None else None
        if home is None or not pages or home == pages.this:
            return ""
        return f" ({pages.short} {home})"

    def links_out(self) -> dict[str, list[str]]:
        """Each shown argument's targets that the view leaves out (not a signpost's)."""
        out: dict[str, list[str]] = {}
        if self.selection.whole:
            return out
        context = self.selection.context
        for a in self.arguments:
            if a.id in context:
                continue
            gone = [t for t in (*a.supports, *a.attacks, *a.undercuts) if not self.shown(t)]
            if gone:
                out[a.id] = list(dict.fromkeys(gone))
        return out

    def hidden_markers(self) -> list[tuple[str, str]]:
        """(element, words) for each node with arguments beneath it that the view leaves
        out, and for each argument with links to nodes it leaves out, in file order; on a
        map split over pages, with the page where they are."""
        pages = self.options.pages
        markers = []
        for ident, count in self.selection.hidden_beneath.items():
            words = f"+{count} more beneath {self.tree.numbers[ident]}"
            elsewhere = (
                [n for n in pages.beneath.get(ident, ()) if n != pages.this] if pages else []
            )
            if elsewhere and pages:  # two pages by number; more as a range, as wide as two
                many = f"{elsewhere[0]}–{elsewhere[-1]}"
                listed = ", ".join(map(str, elsewhere)) if len(elsewhere) < 3 else many
                words += f" ({pages.short} {listed})"
            markers.append((ident, words))
        for ident, targets in self.leaving.items():
            shown = ", ".join(self.tree.numbers[t] + self.page_note(t) for t in targets)
            n = len(targets)
            markers.append((ident, f"+{n} link{'s' if n > 1 else ''} out of view: to {shown}"))
        return sorted(markers, key=lambda m: (self.index.file_order[m[0]], m[1]))

    def write_hidden(self) -> None:
        """The markers of what the view leaves out, as small dashed nodes beside their
        elements (on a page, they are lines in the elements' labels instead)."""
        if self.options.pages is not None:
            return
        look = self.look
        for n, (ident, words) in enumerate(self.hidden_markers(), 1):
            name = f"m{n}"
            owner = self.names[ident]
            self.node(
                name,
                f'shape=box, style="rounded,dashed", color="{look.muted}", '
                f'fontcolor="{look.muted}", label="{words}"',
                owner in self.dark,
            )
            self.edge(owner, name, f'dir=none, style=dashed, color="{look.muted}"')
            self.used.add("hidden")

    def marker_rows(self, ident: str) -> list[str]:
        """On a page, the markers of what is left out beneath or around ``ident``, as
        rows of its label: a page stays as narrow as its elements."""
        if self.options.pages is None:
            return []
        if self._inline is None:
            self._inline = defaultdict(list)
            for owner, words in self.hidden_markers():
                self._inline[owner].append(words)
        look = self.look
        rows = []
        for words in self._inline.get(ident, ()):
            rows.append(
                f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{look.small_size:g}" '
                f'COLOR="{look.muted}">▸ {html(words)}</FONT></TD></TR>'
            )
            self.used.add("hidden-inline")
        return rows

    def write_rows(self) -> None:
        """Branches drawn in rows (``DiagramOptions.rows``): an invisible edge from the
        deepest element of each row to the top of each branch of the next, so that the
        next row begins beneath it. The top of a branch is its highest signpost that no
        earlier row draws (an edge to a shared one would turn the drawing upside down)."""
        branches, rows = self.options.branches, self.options.rows
        if not branches or not rows:
            return
        tree, shown = self.tree, self.selection.shown
        starts = [0, *rows, len(branches)]
        groups = [branches[a:b] for a, b in itertools.pairwise(starts) if a < b]
        above: set[str] = set()  # what the rows so far draw
        deepest: str | None = None
        for group in groups:
            tops = []
            for root, _ in group:
                top = root
                parent = tree.parent.get(root)
                while parent is not None and parent in shown and parent not in above:
                    top, parent = parent, tree.parent.get(parent)
                tops.append(top)
            if deepest is not None:
                for top in tops:
                    self.emit(f"{self.names[deepest]} -> {self.names[top]} [style=invis];")
            drawn = [
                i
                for root, levels in group
                for i in tree.subtree(root)
                if i in shown and (levels is None or tree.depth(i) <= tree.depth(root) + levels)
            ]
            drawn += [t for t in tops if t not in drawn]
            above.update(drawn)
            for root, _ in group:
                above.update(ancestors(tree, root) & shown)
            deepest = max(drawn, key=tree.depth)

    def legend_table(self) -> str | None:
        """The legend: a row for each kind of mark the map has drawn (None if none)."""
        kinds = self.used | self.options.legend_marks
        families = [(fill, self.family_labels[key]) for key, fill in self.families.items()]
        return legend_table(self.look, kinds, families, on_page=self.options.pages is not None)

    def write_legend(self) -> None:
        """The legend as a node at the bottom of the map."""
        table = self.legend_table()
        if table is None:
            return
        look = self.look
        self.emit(
            f'legend [shape=box, style="rounded", color="{look.muted}", '
            f"fontsize={look.small_size + 1:g}, label=<{table}>];"
        )
        self.emit("{rank=sink; legend}")


STATUS_MARKS: Final = {"in": "✔ IN", "out": "✘ OUT", "undecided": "? UNDECIDED"}
STATUS_WORDS: Final = {
    "in": "✔ IN: stands (every attack on it is defeated)",
    "out": "✘ OUT: defeated by an argument that stands",
    "undecided": "? UNDECIDED: caught in a cycle the evaluation leaves open",
}
STATUS_FILLS: Final = {"in": "#D8EFE3", "out": "#E6E6E6", "undecided": "#FDF1C7"}


def writing_sheet(
    look: Look, *, key: bool = False, task: str | None = None, min_text: float = MIN_TEXT
) -> Sheet:
    """A worksheet's blanks for a theme: at least 8 mm between writing lines and 5.5 cm
    wide on paper, at the smallest scale a page may print at (body text at ``min_text``)."""
    scale = min(1.0, min_text / look.font_size)
    return Sheet(
        key=key,
        task=task or TASKS["ids"],
        cell_width=math.ceil(55 * POINTS_PER_MM / scale) + 4,  # the lines: 2 less than the cell
        line_gap=math.ceil(8 * POINTS_PER_MM / scale),
    )


TASKS: Final = {
    "counterarguments": "In each box marked ✎, write the strongest argument its line in "
    "italics asks for: here, the objections.",
    "all": "In each box marked ✎, write the argument its line in italics asks for: a reason, "
    "an objection, or an objection to a link.",
    "ids": "In each box marked ✎, write the argument its line in italics asks for.",
}
"""The one-sentence task a worksheet sets, by what ``--blank`` chose; each blank says
what belongs in it (see :meth:`_Writer.instruction`)."""


def _named_number(number: str) -> str:
    """An outline number as a sentence names it: "option 2", or "1.3"."""
    return f"option {number}" if "." not in number else number


def accessible_name(number: str, marker: str, title: str | None) -> str:
    """A node's short name for tooltips and screen readers: ``1.2 PRO +: Spying risk``."""
    return f"{number} {marker}: {title}" if title else f"{number} {marker}"


def node_names(debate: Debate) -> dict[str, str]:
    """The synthetic DOT node name of every position and argument (``p1``, ``a3`` …)."""
    return index(debate).names


MARKERS: Final = {"supports": "PRO +", "attacks": "CON −", "undercuts": "UNDERCUT ⊘"}


def anchor(prefix: str, ident: str) -> str:
    """``#arg-<id>`` (``#pos-<id>`` for an option) for the brief to link to; ids are
    slugs, checked again here."""
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


def marks_drawn(debate: Debate, options: DiagramOptions) -> frozenset[str]:
    """The kinds of marks a drawing draws (those its legend would explain)."""
    with collector_paused():
        writer = _Writer(debate, options)
        writer.write()
        return frozenset(writer.used)
