"""The brief as a Word document an analyst can edit: the HTML brief's content in Word's own
structure, so that the navigation pane shows its outline and every table is a table.

- Headings use Word's heading styles: the sections are Heading 1, an option or a part of
  a section Heading 2, in the HTML brief's order.
- The tables are Word tables with the cells of the HTML brief's tables (names in full:
  paper has no hover).
- The map is its printed pages as pictures, each at the size it prints (text never
  scaled below 9 pt), on the paper asked for.
- References are a numbered list; what argmap computed keeps its "Computed by argmap"
  mark, and what the author wrote its "Written by the author" note.

Text from the debate file is put in as text (Word's XML escapes it); characters XML
cannot hold (control characters) become U+FFFD, and Markdown is reduced to its words.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any, Final

from argmap.exporters.brief import ArgumentView, Named, Phrase, brief_view
from argmap.exporters.encode import plain, xml_safe
from argmap.model import Debate
from argmap.paper import SIZES, Paper

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

    from argmap.diffing import Changes

MARGIN_CM: Final = 2.0
"""The page margins of the Word brief, in centimetres on each side."""


class _Text(HTMLParser):
    """The words of a piece of the HTML brief, as a reader sees them on paper: a name
    shortened on screen (``.short``) is left for its full form (``.full``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.skipping = 0  # depth inside an element whose text paper does not show
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.skipping:
            self.skipping += 1
        elif "short" in classes or "screen-only" in classes:
            self.skipping = 1

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.words.append(data)


def text_of(markup: str) -> str:
    """The words of a piece of HTML, on one line, as the printed brief shows them."""
    reader = _Text()
    reader.feed(str(markup))
    reader.close()
    return " ".join("".join(reader.words).split())


def _whole(text: Named | Phrase) -> str:
    pieces = text.pieces if isinstance(text, Phrase) else [text]
    return "".join(p.full or p.text for p in pieces)


def export_docx(
    debate: Debate,
    map_pages: Sequence[tuple[bytes, float, float]] = (),
    map_note: str | None = None,
    paper: Paper = Paper.A4,
    since: Changes | None = None,
) -> bytes:
    """The brief as a .docx file. ``map_pages`` are the map's printed pages, each a PNG
    with the width and height in points it prints at; ``map_note`` says what the printed
    map leaves out, or why there is none."""
    from docx import Document
    from docx.shared import Cm, Pt

    b = brief_view(debate, None, since=since)
    h = b.headings
    doc = Document()
    width, height = SIZES[paper] if paper is not Paper.SLIDE else SIZES[Paper.A4]
    for section in doc.sections:
        section.page_width, section.page_height = Pt(width), Pt(height)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(MARGIN_CM))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10)
    core = doc.core_properties
    core.title = xml_safe(b.title)
    core.subject = xml_safe(b.question)
    if b.author:
        core.author = xml_safe(b.author)

    def para(text: str, style: str | None = None, *, bold: str = "", italic: bool = False) -> Any:
        paragraph = doc.add_paragraph(style=style)
        if bold:
            paragraph.add_run(xml_safe(bold)).bold = True
        run = paragraph.add_run(xml_safe(text))
        run.italic = italic
        return paragraph

    def heading(text: str, level: int) -> None:
        doc.add_heading(xml_safe(text), level)

    def bullets(lines: Iterable[str], style: str = "List Bullet") -> None:
        for line in lines:
            para(line, style)

    if b.handling:
        para("", bold=b.handling.upper())
    doc.add_heading(xml_safe(b.title), 0)
    made = [f"As of {b.date}." if b.date else ""]
    if b.author:
        made.append(f"Prepared by {b.author}" + (f" on {b.prepared}." if b.prepared else "."))
    elif b.prepared:
        made.append(f"Prepared on {b.prepared}.")
    if any(made):
        para(" ".join(m for m in made if m), italic=True)
    para(plain(b.question), bold="Question: ")
    if debate.decision or b.deadline:
        heading(h["decision"], 1)
        if debate.decision:
            para(text_of(b.decision))
        if b.deadline:
            para(b.deadline, bold="Needed by: ")
    if debate.bottom_line or debate.recommendation or b.confidence or b.key_judgements:
        heading(h["summary"], 1)
        if debate.bottom_line:
            para(text_of(b.bottom_line))
        if debate.recommendation:
            heading("Recommendation", 2)
            para(text_of(b.recommendation))
            if b.ranking_note:
                para(b.ranking_note, bold="Computed by argmap: ")
        if b.key_judgements:
            heading("Key judgements", 2)
            for text, confidence in b.key_judgements:
                level = f" ({confidence} confidence)" if confidence else ""
                para(text_of(text) + level, "List Number")
        if b.confidence:
            para(b.confidence, bold="Confidence: ")
        marked = ", but for the line marked as computed" if b.ranking_note else ""
        para(f"Written by the author of the debate, not computed by argmap{marked}.", italic=True)
    if b.since is not None:
        heading(b.since.heading, 1)
        para(b.since.summary)
        bullets(b.since.lines)
        if b.since.more:
            para(f"…and {b.since.more} more: '{b.since.command}' lists them all.", italic=True)
    heading(h["standing"], 1)
    para(
        "Computed by argmap from the map, not a recommendation. Options are ranked by how "
        "well the arguments that stand support them; an option meets the standard "
        f"({b.standard}). See “{h['method']}”.",
        italic=True,
    )
    for table in tables(debate):
        if table.section == "standing":
            _table(doc, table)
            if table.name == "ranking" and b.standing_legend:
                legend = "; ".join(f"{w}: {m}" for w, m in b.standing_legend)
                para(f"{legend}. “{h['glossary']}” explains the others.")
    bullets(_whole(note) for note in b.stakeholder_notes)
    if b.coalitions:
        groups = "; ".join(", ".join(g) for g in b.coalitions)
        para(f" (stances agree on at least 3 in 4 shared options): {groups}.", bold="Coalitions")
    if len(b.standing) > 1:
        heading(h["changes"], 1)
        if b.changes:
            bullets(_whole(line) for line in b.changes)
            if b.more_changes:
                para(f"… and {b.more_changes} more (argmap analyse --format json lists them all).")
        else:
            para(
                "No single argument: taking any one out, or rating it anywhere from 0 to 1, "
                "leaves the same option first."
            )
        if b.cruxes:
            heading("Where stakeholders part ways", 2)
            for crux in b.cruxes:
                para("", "List Bullet", bold=_whole(crux.headline))
                bullets((_whole(d) for d in crux.details), "List Bullet 2")
    if debate.context or debate.background or b.criteria or debate.assumptions:
        heading(h["background"], 1)
        for value in (b.context, b.background):
            if value:
                para(text_of(value))
        if b.assumptions:
            heading("Assumptions", 2)
            bullets(text_of(a) for a in b.assumptions)
        if b.criteria:
            heading("Criteria", 2)
            bullets((plain(c) for c in b.criteria), "List Number")
    if b.actors:
        heading(h["stakeholders"], 1)
        for table in tables(debate):
            if table.section == "stakeholders":
                _table(doc, table)
    heading(h["options"], 1)
    marks = "; ".join(f"{mark} {meaning}" for mark, meaning in b.label_legend)
    para(f"Beside each argument: {marks}; the number is its strength, from 0 to 1.")
    texts = {a.id: a.text for a in debate.arguments}
    sources = {p.id: p for p in debate.positions}

    def argument(view: ArgumentView, depth: int) -> None:
        refs = "".join(f" [{n}]" for n in view.refs)
        by = f" — {', '.join(view.actors)}" if view.actors else ""
        status = f" ({view.status}, {view.strength:.2f})"
        style = "List Bullet" if depth == 0 else f"List Bullet {min(depth + 1, 3)}"
        head = f"{view.number} {view.marker} " + (f"{view.title}. " if view.title else "")
        para(plain(texts[view.id]) + by + refs + status, style, bold=head)
        for child in view.children:
            argument(child, depth + 1)

    for p in b.positions:
        quo = " (status quo)" if p.status_quo else ""
        heading(f"{p.number} {p.title or ''}{quo}".strip(), 2)
        source = sources.get(p.id)
        if source is not None:
            para(plain(source.text))
        sides = (("For", p.pros, p.also_for), ("Against", p.cons, p.also_against))
        for label, group, also in sides:
            if group or also:
                para("", bold=label)
                for view in group:
                    argument(view, 0)
                if also:
                    links = "; ".join(f"{n} {_whole(t)}" for n, t, _ in also)
                    para(f"Also {label.lower()} this option: {links}", "List Bullet")
        for label, items in (
            ("Risks", source.risks if source else []),
            ("Next steps", source.next_steps if source else []),
        ):
            if items:
                para("", bold=label)
                bullets(plain(x) for x in items)
    comparison = [t for t in tables(debate) if t.section == "comparison"]
    if comparison:
        heading(h["comparison"], 1)
        _table(doc, comparison[0])
    if b.references:
        heading(h["references"], 1)
        for r in b.references:
            where = ", ".join(x for x in (r.publisher, r.author, r.date) if x)
            url = f" {r.url}" if r.url else ""
            graded = f" Graded {r.grade}, in the Admiralty code." if r.grade else ""
            rest = f"{', ' + where if where else ''}.{url}{graded}"
            para(rest, "List Number", bold=r.source_title)
            for q in r.quotes:
                quote = f"“{plain(q.quote)}” " if q.quote else ""
                place = q.locator or q.found_at
                locator = f"({place}) " if place else ""
                verified = (
                    f" ✓ Verified against the local copy ({r.file or ''}, {q.found_at})."
                    if q.verified
                    else ""
                )
                para(f"{quote}{locator}(cited by {q.cited_by[0]}).{verified}", "List Bullet 2")
    heading(h["appendix"], 1)
    if map_note:
        para(map_note, italic=True)
    for n, (png, w, ht) in enumerate(map_pages, 1):
        picture = doc.add_paragraph()
        picture.paragraph_format.page_break_before = n > 1  # a printed page each
        picture.add_run().add_picture(io.BytesIO(png), width=Pt(w), height=Pt(ht))
    if not map_pages and not map_note:
        para("The map is drawn in the HTML brief and by argmap render.", italic=True)
    heading(h["method"], 1)
    for line in b.method:
        para(line)
    heading(h["glossary"], 1)
    for term, meaning in b.glossary:
        para(f"{meaning}.", bold=f"{term}: ")
    para(f"Made with {b.generator} from the debate file. {b.authorship}", italic=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class Table:
    """A table of the brief: its section, a name, its caption, and its rows of cells
    (the first the header), as text."""

    def __init__(self, section: str, name: str, caption: str, rows: list[list[str]]) -> None:
        self.section = section
        self.name = name
        self.caption = caption
        self.rows = rows


def tables(debate: Debate) -> list[Table]:
    """The brief's tables, with the cells the HTML brief's tables have (as printed)."""
    b = brief_view(debate, None)
    out = []
    ranking = [
        [
            "Rank",
            "Option",
            "Standing",
            "Meets the standard",
            "Strength (0–1)",
            "Why",
            "Strongest for",
            "Strongest against",
        ]
    ]
    for s in b.standing:
        why = f"{s.standing_reason}."
        if s.unanswered:
            why += " Objections that stand and defeat it: "
            why += "; ".join(_whole(u) for u in s.unanswered) + "."
        ranking.append(
            [
                str(s.rank),
                f"{s.number} {s.title}",
                s.standing,
                "yes" if s.meets_standard else "no",
                f"{s.strength:.2f}",
                why,
                _whole(s.strongest_for) if s.strongest_for else "—",
                _whole(s.strongest_against) if s.strongest_against else "—",
            ]
        )
    out.append(Table("standing", "ranking", "The options, best supported first", ranking))
    if b.stakeholder_verdicts:
        rows = [["Stakeholder", *[f"{s.number} {s.title}" for s in b.standing]]]
        for name, verdicts in b.stakeholder_verdicts:
            rows.append([name, *[verdicts.get(s.id, "—") for s in b.standing]])
        caption = "As each stakeholder weighs the arguments (its weights in the debate file)"
        out.append(Table("standing", "verdicts", caption, rows))
    if b.actors:
        rows = [["Actor", *[f"{p.number} {p.title or p.id}" for p in b.positions]]]
        for a in b.actors:
            name = " ".join(part for part in (a.name, a.kind) if part)
            rows.append([name, *[a.stances.get(p.id, "—") for p in b.positions]])
        caption = "Who holds which option (actors indented under the body they belong to)"
        out.append(Table("stakeholders", "matrix", caption, rows))
    if b.grid:
        rows = [["Power \\ interest", *[f"{i} interest" for i in b.grid["high"]]]]
        for power, row in b.grid.items():
            rows.append([f"{power} power", *[", ".join(names) or "—" for names in row.values()]])
        out.append(Table("stakeholders", "grid", "Power and interest (Mendelow's grid)", rows))
    if b.criteria and b.assessed:
        rows = [["Option", *b.criteria]]
        for p in b.positions:
            cells = [text_of(p.assessment[c]) if c in p.assessment else "—" for c in b.criteria]
            rows.append([f"{p.number} {p.title or p.id}", *cells])
        caption = "The author's assessment of each option"
        out.append(Table("comparison", "comparison", caption, rows))
    return out


def _table(doc: WordDocument, table: Table) -> None:
    """A Word table with a caption above it and a header row that repeats on each page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    caption = doc.add_paragraph(style="Caption")
    caption.add_run(xml_safe(table.caption))
    rows, columns = len(table.rows), max(len(r) for r in table.rows)
    word = doc.add_table(rows=rows, cols=columns)
    word.style = "Table Grid"
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row):
            cell = word.cell(r, c)
            cell.text = xml_safe(text)
            if r == 0 or c == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    header = word.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
