"""A debate as a policy brief: one self-contained HTML file (Markdown is in
:mod:`.brief_markdown`, from the same :func:`brief_view`).

The brief follows the order policy-brief guides agree on: title and question; what the
author wrote (bottom line, background, recommendation, criteria, confidence), each left
out when empty, for argmap never invents a verdict; the stakeholders; the options with
their arguments; options × criteria; numbered references; and an appendix with the map
and the same map as an outline.

:func:`brief_view` computes everything a template shows (the variables are documented in
``docs/briefs.md``); :func:`export_html` renders it with Jinja2 in its sandbox
(:mod:`.templates`), autoescape on for every template and ``StrictUndefined``. Text
fields are Markdown, rendered by markdown-it-py with raw HTML off and only http, https
and mailto links: that renderer and the SVG sanitiser are the only sources of markup
that the templates do not escape.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from markupsafe import Markup

from argmap import __version__
from argmap.exporters.dot import MARKERS
from argmap.exporters.encode import shorten
from argmap.exporters.safe_svg import inline_svg
from argmap.exporters.templates import TemplateFolder, asset, expose, render
from argmap.model import Argument, Debate, Stance, grade
from argmap.outline import outline
from argmap.quotes import Verification

if TYPE_CHECKING:
    from argmap.diffing import Changes

STANCE_WORDS: Final = {
    Stance.SUPPORTS: "✓ supports",
    Stance.OPPOSES: "✗ opposes",
    Stance.NEUTRAL: "○ neutral",
    Stance.DIVIDED: "± divided",
    Stance.UNKNOWN: "? unknown",
}
LEVELS: Final = ("high", "medium", "low")
RELATION_WORDS: Final = {
    "supports": "for",
    "attacks": "against",
    "undercuts": "undercuts the link of",
}


def _markdown() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).disable(["image", "heading", "lheading"])
    md.validateLink = _web_link  # type: ignore[method-assign]
    return md


def _web_link(url: str) -> bool:
    """Links in debate text may only lead to web pages and mail addresses."""
    return url.strip().lower().startswith(("http:", "https:", "mailto:"))


MARKDOWN: Final = _markdown()
"""The one Markdown parser of the briefs: CommonMark, raw HTML, images and headings off,
links only to web and mail addresses."""


def markdown_block(text: str | None) -> Markup:
    """Markdown as HTML paragraphs and lists: raw HTML shown as text, only web and mail links."""
    return Markup(MARKDOWN.render(text)) if text else Markup("")  # escaped by markdown-it


def markdown_inline(text: str | None) -> Markup:
    """Markdown as inline HTML (emphasis, code, links), for titles and short texts."""
    return Markup(MARKDOWN.renderInline(text)) if text else Markup("")  # escaped by markdown-it


@dataclass
class ArgumentView:
    """One argument as the brief shows it, with what stands beneath it."""

    id: str
    number: str
    relation: str
    marker: str
    title: str | None
    text: Markup
    actors: list[str]
    actor_ids: list[str]
    refs: list[int]
    map_anchor: str
    children: list[ArgumentView] = field(default_factory=list)
    status: str = ""
    """Computed by argmap: ``in``, ``out`` or ``undecided``."""
    strength: float = 0.0
    """Computed by argmap: DF-QuAD strength, 0 to 1."""


@dataclass
class PositionView:
    """One option with its arguments for and against."""

    id: str
    number: str
    title: str | None
    text: Markup
    status_quo: bool
    pros: list[ArgumentView]
    cons: list[ArgumentView]
    assessment: dict[str, str]
    map_anchor: str
    risks: list[Markup] = field(default_factory=list)
    next_steps: list[Markup] = field(default_factory=list)
    also_for: list[tuple[str, Named, str]] = field(default_factory=list)
    """Arguments numbered elsewhere that also support this option: (number, title, id)."""
    also_against: list[tuple[str, Named, str]] = field(default_factory=list)
    """Arguments numbered elsewhere that also attack this option."""


@dataclass
class ActorView:
    """One stakeholder: where it sits, what it holds and what it argues."""

    id: str
    name: str
    kind: str
    depth: int
    power: str | None
    interest: str | None
    stances: dict[str, str]
    arguments: list[tuple[str, str, str]]
    """(outline number, short title, argument id) of each argument it advances."""


@dataclass
class Named:
    """A piece of a computed sentence: plain text, or the short name of an element with
    its full text (``full``: None when the name is not shortened). A template that
    shows it as is shows the short name; argmap's shows the full text on hover and on
    paper."""

    text: str
    full: str | None = None

    def __str__(self) -> str:
        return self.text


@dataclass
class Phrase:
    """A computed sentence in pieces (see :class:`Named`); shown as is, its short form."""

    pieces: list[Named]

    def __str__(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass
class CruxLine:
    """Where two stakeholders part ways: one sentence to read aloud (what a template
    shows when it shows the line itself), then the details."""

    headline: Phrase
    details: list[Phrase] = field(default_factory=list)

    def __str__(self) -> str:
        return str(self.headline)


@dataclass
class Piece:
    """A piece of a quotation as its writer wrote it: words, or an elision mark with
    the words it leaves out (as the local copy writes them; None when not verified, or
    for a mark at either end, which leaves out nothing between the parts)."""

    text: str
    left_out: str | None = None


@dataclass
class Quote:
    """One quotation from a source, and the argument that cites it."""

    quote: str | None
    locator: str | None
    cited_by: tuple[str, str]
    """(outline number, argument id)."""
    verified: bool = False
    """Found verbatim in the source's local copy (its ``file``)."""
    found_at: str | None = None
    """Where the local copy has it ("p. 2", "para. 5"), when verified."""
    before: str = ""
    """The local copy's text before the quote, from the sentence before it."""
    after: str = ""
    """The local copy's text after the quote, to the end of the sentence after it."""
    passage: str = ""
    """The local copy's own words for the quote (with what an ellipsis leaves out)."""
    left_out: list[str] = field(default_factory=list)
    """What each elision of a verified quote leaves out, in order."""
    pieces: list[Piece] = field(default_factory=list)
    """The quote in pieces: its words, and each elision mark with what it leaves out
    (for a mark a reader can hover over)."""


@dataclass
class Reference:
    """A numbered source (numbered once, however many arguments cite it) with the
    quotations taken from it. ``quote``, ``locator`` and ``cited_by`` are the first
    quotation's, for templates written before sources were numbered once."""

    number: int
    quote: str | None
    locator: str | None
    source_title: str
    publisher: str | None
    author: str | None
    date: str | None
    url: str | None
    cited_by: tuple[str, str]
    """(outline number, argument id) of the first argument that cites it."""
    quotes: list[Quote] = field(default_factory=list)
    grade: str | None = None
    """The source's Admiralty grade in words ("B2 (source: usually reliable; …)")."""
    file: str | None = None
    """The source's local copy, as the debate names it."""


@dataclass
class Standing:
    """Where an option stands, as computed by ``argmap analyse``."""

    id: str
    number: str
    title: str
    status: str
    strength: float
    reason: str
    strongest_for: Named | None
    strongest_against: Named | None
    unanswered: list[Named]
    """Objections that stand and defeat the option (never those it outweighs)."""
    rank: int = 0
    standing: str = ""
    """holds, contested, outweighed, unsupported or unargued."""
    meets_standard: bool = False
    standing_reason: str = ""


SECTIONS: Final = (
    ("decision", "Decision"),
    ("summary", "Bottom line"),
    ("standing", "What stands"),
    ("changes", "What would change the answer"),
    ("background", "Background"),
    ("stakeholders", "Stakeholders"),
    ("options", "Options"),
    ("comparison", "Options and criteria"),
    ("references", "References"),
    ("appendix", "Appendix: the map"),
    ("method", "How this was computed"),
    ("glossary", "Words used in this brief"),
)
"""The brief's sections in the order policy offices use (what is asked and the answer
first), with the headings both the HTML and the Markdown brief use."""
HEADINGS: Final = dict(SECTIONS)

STANDING_MEANINGS: Final = {
    "holds": "a reason for it stands and no objection to it does",
    "contested": "an objection stands, but the strongest reason for it weighs as much or more",
    "outweighed": "an objection stands and weighs more than every reason for it",
    "unsupported": "every argument for it and against it has been answered",
    "unargued": "no argument for or against it yet: a gap in the map, not a strength",
}
"""Each standing of an option, in the brief's own words."""
LABEL_MEANINGS: Final = (
    ("✔ in", "the argument stands: every objection to it is answered"),
    ("✘ out", "the argument falls: an objection to it stands"),
    ("? undecided", "the arguments do not settle it (objections that answer each other)"),
)
"""The marks beside each argument, in the brief's own words."""
GLOSSARY: Final = (
    (
        "stands, falls, undecided (✔ in, ✘ out, ?)",
        "whether an argument or option survives its "
        "objections: it stands when every objection to it is answered, falls when one stands, "
        "and is undecided when objections answer each other in a circle",
    ),
    (
        "strength (0 to 1)",
        "how much an argument or option weighs once what supports and "
        "attacks it is counted: its rating (0.50 where the author gave none) moved up by "
        "what stands for it and down by what stands against it",
    ),
    (
        "rating",
        "how much the author (or a stakeholder, in its weights) thinks an argument "
        "weighs on its own, from 0 to 1; an objection succeeds unless what it attacks is "
        "rated higher",
    ),
    *((f"{word}", meaning) for word, meaning in STANDING_MEANINGS.items()),
    (
        "meets the standard",
        "the strongest argument for the option that stands outweighs "
        "the strongest against it, by as much as the debate's standard asks (preponderance: "
        "any margin; clear and convincing, beyond reasonable doubt: more)",
    ),
    (
        "undercut",
        "an objection to the link between a reason and its claim (it may be true, "
        "but it does not show the claim), not to the claim itself",
    ),
    (
        "co-premises",
        "reasons that support a claim only together: an objection to one is an "
        "objection to all of them",
    ),
    (
        "what would change the answer",
        "a change to one rating, or taking one argument out, that would put another option first",
    ),
    (
        "where stakeholders part ways",
        "the arguments whose ratings make two stakeholders put different options first",
    ),
)
"""The terms a brief uses that need saying, in plain words (shown at its end)."""
AUTHORSHIP: Final = (
    "The bottom line, the recommendation and the key judgements are the author's, as the "
    "debate file words them; what is marked as computed (the standings, the strengths, what "
    "would change the answer, how each stakeholder weighs the map) is argmap's reading of "
    "the author's arguments and ratings."
)
"""What in a brief is the author's and what argmap computed (its footer)."""


@dataclass
class SinceView:
    """What changed since an earlier version of the debate (``argmap brief --since``):
    the most telling changes first, as ``argmap diff`` finds them."""

    heading: str
    summary: str
    lines: list[str]
    more: int
    """How many changes are not listed (``argmap diff`` lists every one)."""
    command: str
    """The command that lists every change."""


@dataclass
class BriefView:
    """Everything the brief template shows, computed once from the debate."""

    title: str
    date: str | None
    question: str
    context: Markup
    bottom_line: Markup
    background: Markup
    recommendation: Markup
    criteria: list[str]
    confidence: str | None
    positions: list[PositionView]
    actors: list[ActorView]
    grid: dict[str, dict[str, list[str]]] | None
    references: list[Reference]
    map_svg: Markup | None
    map_file: str | None
    generator: str
    standing: list[Standing] = field(default_factory=list)
    assessed: bool = False
    """Whether any option is assessed on a criterion: the options × criteria table is
    shown only then (a table of empty cells tells the reader nothing)."""
    """Computed: each option's status, strength and reason."""
    stakeholder_verdicts: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    stakeholder_notes: list[Phrase] = field(default_factory=list)
    """Computed: how much of the map each stakeholder rates, and where its weighing goes
    against its own stances."""
    """Computed: (actor name, position id → "in 0.81") for each actor with weights."""
    coalitions: list[list[str]] = field(default_factory=list)
    """Computed: groups of actor names whose stances agree."""
    map_note: str | None = None
    """Why the whole map is not drawn (a debate too large to read as one drawing), and
    how to draw it in parts; None when it is drawn."""
    handling: str | None = None
    author: str | None = None
    prepared: str | None = None
    decision: Markup = field(default_factory=Markup)
    deadline: str | None = None
    key_judgements: list[tuple[Markup, str | None]] = field(default_factory=list)
    """(judgement, confidence) in the author's words."""
    assumptions: list[Markup] = field(default_factory=list)
    ranking_note: str | None = None
    """Computed: the ranking beside the author's ``recommends`` (agreeing or not)."""
    ranking_agrees: bool | None = None
    standard: str = ""
    """Computed: what the debate's standard asks, in words."""
    changes: list[Phrase] = field(default_factory=list)
    """Computed: the smallest changes that would put another option first."""
    more_changes: int = 0
    cruxes: list[CruxLine] = field(default_factory=list)
    """Computed: where the weighted stakeholders part ways."""
    method: list[str] = field(default_factory=list)
    """How the computed parts were computed, in words."""
    headings: dict[str, str] = field(default_factory=lambda: dict(HEADINGS))
    standing_legend: list[tuple[str, str]] = field(default_factory=list)
    """Each standing the ranking shows, with its meaning in plain words."""
    label_legend: list[tuple[str, str]] = field(default_factory=lambda: list(LABEL_MEANINGS))
    """The marks beside each argument, with their meanings."""
    glossary: list[tuple[str, str]] = field(default_factory=lambda: list(GLOSSARY))
    """The terms the brief uses, with their meanings in plain words."""
    authorship: str = ""
    """What in the brief is the author's and what argmap computed, in one sentence."""
    paper_note: str | None = None
    """What the printed map shows and leaves out (its pages draw titles, not texts)."""
    map_pages: list[Markup] = field(default_factory=list)
    """The map as ``render --paper`` prints it, a drawing per page, for the printed brief
    (empty when the whole map prints readably on one page: the screen map is printed)."""
    since: SinceView | None = None
    """What changed since an earlier version (``--since``); None when not asked."""


expose(
    ArgumentView,
    PositionView,
    ActorView,
    Named,
    Phrase,
    CruxLine,
    Piece,
    Quote,
    Reference,
    Standing,
    SinceView,
    BriefView,
)
SHOWN_CHANGES: Final = 5
SHOWN_SINCE: Final = 10
"""The most changes since an earlier version a brief lists (the rest are counted)."""


def since_view(changes: Changes) -> SinceView:
    """What changed since the earlier version, for a director: the ranking first, then
    the elements added, removed and changed, then the header."""
    names = changes.ranking_names
    lines = []
    if changes.ranking_changed:
        before = names.get(changes.ranking_before[0], "none") if changes.ranking_before else "none"
        after = names.get(changes.ranking_after[0], "none") if changes.ranking_after else "none"
        if before != after:
            lines.append(f"Computed by argmap: {after} now ranks first; {before} did before.")
        else:
            lines.append("Computed by argmap: the options below the first rank otherwise.")
    else:
        lines.append("Computed by argmap: the ranking of the options is unchanged.")
    lines += [
        f"{m.element.name} now {_MOVED.get(m.after, m.after)}."
        for m in changes.moved
        if m.element.kind == "argument"
    ]
    elements = ("argument", "position")
    lines += [f"Added: {e.kind} {e.name}." for e in changes.added if e.kind in elements]
    lines += [f"Removed: {e.kind} {e.name}." for e in changes.removed if e.kind in elements]
    changed = [c for c in changes.changed if c.element.kind in elements]
    changed += [c for c in changes.changed if c.element.kind not in elements]
    for c in changed:
        said = [f.said for f in c.changes if f.before is None and f.field not in _LISTED]
        worded = [
            f.field.replace("_", " ")
            for f in c.changes
            if f.before is not None or f.field in _LISTED
        ]
        if worded:
            said.append(f"its {', '.join(dict.fromkeys(worded))} reworded")
        lines.append(f"{c.element.name}: {'; '.join(said)}.")
    lines += [f"Added: {e.kind} {e.name}." for e in changes.added if e.kind not in elements]
    lines += [f"Removed: {e.kind} {e.name}." for e in changes.removed if e.kind not in elements]
    lines += [f"Renamed: {one.kind} {one.id} is now {two.id}." for one, two in changes.renamed]
    if changes.header:
        fields = ", ".join(dict.fromkeys(f.field.replace("_", " ") for f in changes.header))
        lines.append(f"The author changed the debate's {fields}.")
    shown = lines[:SHOWN_SINCE]
    return SinceView(
        heading=f"What changed since {changes.since}",
        summary=f"{changes.summary()} Found by argmap by comparing the two versions; what "
        "now stands or falls, and the ranking, are computed from them.",
        lines=shown,
        more=len(lines) - len(shown),
        command=f"argmap diff {changes.old} {changes.new}",
    )


_MOVED: Final = {"in": "stands", "out": "falls", "undecided": "is undecided"}
_LISTED: Final = frozenset({"risks", "next_steps", "assessment", "tags", "description"})
"""Fields whose changes a brief names rather than quotes."""


_LABEL_WORDS: Final = {"in": "stands", "out": "falls", "undecided": "undecided"}
"""An option's label in a stakeholder's weighing, in the brief's words."""


def _short(arg: Argument) -> str:
    return arg.title or shorten(arg.text)


def _named(arg: Argument) -> Named:
    """An argument's short name, with its full text when the short name cuts it."""
    short = _short(arg)
    return Named(short, (arg.title or arg.text) if short != (arg.title or arg.text) else None)


_TOKEN: Final = re.compile("\ue000([^\ue001]*)\ue001")


class _Phrasing:
    """Computed sentences that name elements by their short names, made first with a
    token for each element (``tokens``) and then cut into :class:`Named` pieces: so that
    a short name can carry its full text."""

    def __init__(self, short: Mapping[str, str], full: Mapping[str, str]) -> None:
        self.short, self.full = short, full
        # the names a sentence may shorten get a token; actors' names are words as they are
        # (a sentence bends its verbs and possessives to them)
        self.tokens = {
            ident: f"\ue000{ident}\ue001" if short[ident] != full[ident] else name
            for ident, name in short.items()
        }

    def __call__(self, text: str) -> Phrase:
        pieces: list[Named] = []
        last = 0
        for found in _TOKEN.finditer(text):
            if found.start() > last:
                pieces.append(Named(text[last : found.start()]))
            ident = found.group(1)
            short, full = self.short.get(ident, ident), self.full.get(ident, ident)
            pieces.append(Named(short, full if full != short else None))
            last = found.end()
        if last < len(text):
            pieces.append(Named(text[last:]))
        return Phrase(pieces)


def _in_context(shown: tuple[str, str, str]) -> tuple[str, str, str]:
    """(before, after, the quote as the copy has it), in the order of :class:`Quote`."""
    before, passage, after = shown
    return before, after, passage


def pieces(quote: str, left_out: list[str]) -> list[Piece]:
    """``quote`` cut at its elision marks, each mark with what it leaves out: the marks
    between two parts of words take ``left_out`` in order; a mark at either end leaves
    out nothing argmap can show."""
    from argmap.quote_search import ELISION_MARK  # a brief without quotes spares it

    cut = ELISION_MARK.split(quote)
    made: list[Piece] = []
    gaps = iter(left_out)
    for n, text in enumerate(cut):
        if n % 2 == 0:
            if text:
                made.append(Piece(text))
            continue
        between = any(t.strip() for t in cut[:n:2]) and any(t.strip() for t in cut[n + 1 :: 2])
        made.append(Piece(text, next(gaps, None) if between else None))
    return made


def brief_view(
    debate: Debate,
    svg: bytes | None = None,
    map_file: str | None = None,
    map_note: str | None = None,
    map_pages: list[bytes] | None = None,
    since: Changes | None = None,
) -> BriefView:
    """The brief's content. ``svg`` is the map (drawn by ``dot``), inlined and sanitised;
    ``map_note`` says why there is none, when there is none; ``map_pages`` are the map's
    printed pages (drawn by ``dot``), for paper."""
    tree = outline(debate)
    args = {a.id: a for a in debate.arguments}
    names = {a.id: a.name for a in debate.actors}
    from argmap.exporters.dot import node_names

    node = node_names(debate)
    references: list[Reference] = []
    numbered: dict[str, Reference] = {}  # source id → its reference, numbered once
    sources = {s.id: s for s in debate.sources}
    verification = debate._quotes
    checks = verification.checks if isinstance(verification, Verification) else {}

    def relation_to(arg: Argument, parent: str) -> str:
        if parent in arg.supports:
            return "supports"
        return "attacks" if parent in arg.attacks else "undercuts"

    def view(ident: str, parent: str) -> ArgumentView:
        arg = args[ident]
        relation = relation_to(arg, parent)
        refs: list[int] = []
        for e_index, item in enumerate(arg.evidence):
            source = sources[item.source]
            cited = (tree.numbers[ident], ident)
            ref = numbered.get(source.id)
            if ref is None:
                ref = numbered[source.id] = Reference(
                    len(references) + 1,
                    item.quote,
                    item.locator,
                    source.title,
                    source.publisher,
                    source.author,
                    source.date.isoformat() if source.date else None,
                    source.url,
                    cited,
                    grade=grade(source.reliability, source.credibility),
                    file=source.file,
                )
                references.append(ref)
            found = checks.get((ident, e_index))
            if found is not None and found.verified:
                left_out = found.left_out()
                ref.quotes.append(
                    Quote(
                        item.quote,
                        item.locator,
                        cited,
                        True,
                        found.locator,
                        *_in_context(found.context()),
                        left_out,
                        pieces(item.quote or "", left_out),
                    )
                )
            else:
                ref.quotes.append(
                    Quote(item.quote, item.locator, cited, pieces=pieces(item.quote or "", []))
                )
            if ref.number not in refs:
                refs.append(ref.number)
        result = ArgumentView(
            ident,
            tree.numbers[ident],
            relation,
            MARKERS[relation],
            arg.title,
            markdown_inline(arg.text),
            [names.get(a, a) for a in arg.by],
            list(arg.by),
            refs,
            f"map-{node[ident]}",
        )
        result.children = [view(kid, ident) for kid in tree.children.get(ident, [])]
        return result

    positions = []
    for p in debate.positions:
        kids = [view(kid, p.id) for kid in tree.children.get(p.id, [])]
        positions.append(
            PositionView(
                p.id,
                tree.numbers[p.id],
                p.title,
                markdown_inline(p.text),
                p.status_quo,
                [k for k in kids if k.relation == "supports"],
                [k for k in kids if k.relation != "supports"],
                dict(p.assessment),
                f"map-{node[p.id]}",
                [markdown_inline(r) for r in p.risks],
                [markdown_inline(n) for n in p.next_steps],
            )
        )
    by_position = {v.id: v for v in positions}
    for arg in debate.arguments:  # links that the outline does not number beneath the option
        for relation in ("supports", "attacks"):
            for target in getattr(arg, relation):
                view_ = by_position.get(target)
                if view_ is None or tree.parent.get(arg.id) == target:
                    continue
                entry = (tree.numbers[arg.id], _named(arg), arg.id)
                (view_.also_for if relation == "supports" else view_.also_against).append(entry)
    # arguments outside every position's tree (an attack cycle on its own) still appear
    for top in tree.children.get(None, []):
        if top in args:
            orphan = view(top, top)
            positions.append(
                PositionView(
                    top,
                    orphan.number,
                    orphan.title,
                    orphan.text,
                    False,
                    [],
                    [orphan],
                    {},
                    orphan.map_anchor,
                )
            )
    advanced: dict[str, list[tuple[str, str, str]]] = {a.id: [] for a in debate.actors}
    for ident in tree.order():
        advancing = args.get(ident)
        if advancing is None:
            continue
        for actor in advancing.by:
            advanced.setdefault(actor, []).append((tree.numbers[ident], _short(advancing), ident))
    actors = [
        ActorView(
            a.id,
            a.name,
            str(a.kind),
            depth,
            str(a.power) if a.power else None,
            str(a.interest) if a.interest else None,
            {pos: STANCE_WORDS[s] for pos, s in a.stances.items()},
            advanced.get(a.id, []),
        )
        for a, depth in _by_part_of(debate)
    ]
    grid = None
    if any(a.power and a.interest for a in debate.actors):
        grid = {power: {i: list[str]() for i in reversed(LEVELS)} for power in LEVELS}
        for a in debate.actors:
            if a.power and a.interest:
                grid[str(a.power)][str(a.interest)].append(a.name)
    from argmap.analysis import analyse

    result = analyse(debate)
    verdict = {v.id: v for v in result.arguments}

    def mark(views: list[ArgumentView]) -> None:
        for v in views:
            v.status, v.strength = str(verdict[v.id].label), verdict[v.id].strength
            mark(v.children)

    for pv in positions:
        mark(pv.pros)
        mark(pv.cons)

    def named(ident: str | None) -> Named | None:
        if ident is None:
            return None
        short = _named(args[ident])
        number = tree.numbers[ident]
        return Named(f"{number} {short.text}", f"{number} {short.full}" if short.full else None)

    standing = sorted(
        (
            Standing(
                p.id,
                p.number,
                p.title,
                str(p.label),
                p.strength,
                p.reason,
                named(p.strongest_for),
                named(p.strongest_against),
                [n for n in map(named, p.unanswered) if n is not None],
                p.rank,
                str(p.standing),
                p.meets_standard,
                p.standing_reason,
            )
            for p in result.positions
        ),
        key=lambda s_: s_.rank,
    )
    from argmap.analysis import (
        crux_summaries,
        element_names,
        pivot_phrase,
        requirement,
        stakeholder_notes,
    )
    from argmap.exporters.report import HOW_COMPUTED

    phrase = _Phrasing(element_names(debate), element_names(debate, full=True))
    words = phrase.tokens
    changes = [pivot_phrase(p, words) for p in result.pivots[:SHOWN_CHANGES]]
    stakeholder_verdicts = [
        (
            s_.name,
            {
                pid: f"{_LABEL_WORDS[label]} {strength:.2f}"
                + (" · ranks first" if pid == s_.first else "")
                for pid, (label, strength) in s_.positions.items()
            },
        )
        for s_ in result.stakeholders
    ]
    coalitions = [[names[a] for a in group] for group in result.coalitions]
    check = result.recommendation
    return BriefView(
        since=since_view(since) if since is not None else None,
        handling=debate.handling,
        author=debate.author,
        prepared=debate.prepared.isoformat() if debate.prepared else None,
        decision=markdown_block(debate.decision),
        deadline=debate.deadline.isoformat() if debate.deadline else None,
        key_judgements=[
            (markdown_inline(k.text), str(k.confidence) if k.confidence else None)
            for k in debate.key_judgements
        ],
        assumptions=[markdown_inline(a) for a in debate.assumptions],
        ranking_note=check.note if check else None,
        ranking_agrees=check.agrees if check else None,
        standard=requirement(result.standard),
        changes=[phrase(f"{c[0].upper()}{c[1:]}.") for c in changes if c],
        more_changes=max(0, len(result.pivots) - SHOWN_CHANGES),
        cruxes=[
            CruxLine(phrase(c.headline), [phrase(d) for d in c.details])
            for c in crux_summaries(
                result.cruxes,
                words,
                {s_.actor: s_.first for s_ in result.stakeholders},
                tree.numbers,
            )
        ],
        stakeholder_notes=[
            phrase(n) for s_ in result.stakeholders for n in stakeholder_notes(s_, words)
        ],
        method=[" ".join(HOW_COMPUTED)],
        standing=standing,
        standing_legend=[
            (word, STANDING_MEANINGS[word])
            for word in dict.fromkeys(s_.standing for s_ in standing)
            if word in STANDING_MEANINGS
        ],
        authorship=AUTHORSHIP,
        stakeholder_verdicts=stakeholder_verdicts,
        coalitions=coalitions,
        title=debate.title,
        date=debate.date.isoformat() if debate.date else None,
        question=debate.question,
        context=markdown_block(debate.context),
        bottom_line=markdown_block(debate.bottom_line),
        background=markdown_block(debate.background),
        recommendation=markdown_block(debate.recommendation),
        criteria=list(debate.criteria),
        assessed=any(p.assessment for p in debate.positions),
        confidence=str(debate.confidence) if debate.confidence else None,
        positions=positions,
        actors=actors,
        grid=grid,
        references=references,
        map_svg=inline_svg(svg) if svg else None,
        map_file=map_file,
        generator=f"argmap {__version__}",
        map_note=map_note,
        map_pages=[
            inline_svg(page, id_prefix=f"p{n}-", fluid=False)
            for n, page in enumerate(map_pages or (), 1)
        ],
    )


def _by_part_of(debate: Debate) -> list[tuple[Any, int]]:
    """Actors grouped under the body they are part of, in file order, with their depth."""
    ids = {a.id for a in debate.actors}
    members: dict[str | None, list[Any]] = {}
    for a in debate.actors:
        parent = a.part_of if a.part_of in ids else None
        members.setdefault(parent, []).append(a)
    out: list[tuple[Any, int]] = []
    seen: set[str] = set()
    stack = [(a, 0) for a in reversed(members.get(None, []))]
    while stack:
        actor, depth = stack.pop()
        if actor.id in seen:
            continue
        seen.add(actor.id)
        out.append((actor, depth))
        stack.extend((m, depth + 1) for m in reversed(members.get(actor.id, [])))
    out += [(a, 0) for a in debate.actors if a.id not in seen]  # part_of cycles: flat
    return out


# -- HTML ---------------------------------------------------------------------------------

TEMPLATE: Final = "brief.html.j2"


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def export_html(
    debate: Debate,
    svg: bytes | None = None,
    *,
    template_dir: Path | TemplateFolder | None = None,
    map_note: str | None = None,
    page_rule: str | None = None,
    map_pages: list[bytes] | None = None,
    paper_note: str | None = None,
    since: Changes | None = None,
) -> str:
    """The brief as one HTML file that works offline and allows nothing but its own code.

    ``template_dir`` is a folder of the user's own templates (see :mod:`.templates`): it
    runs in Jinja2's sandbox and reads files only from inside the folder. ``page_rule``
    is an ``@page`` rule added to the stylesheet (the paper of a printed brief);
    ``map_pages`` the map's printed pages (see :func:`argmap.briefing.paper_map`), and
    ``paper_note`` what they leave out.
    """
    folder = TemplateFolder(template_dir) if isinstance(template_dir, Path) else template_dir
    css = asset("brief.css", folder)
    if page_rule:  # the paper a PDF is printed on (argmap's own rule)
        css += "\n" + page_rule
    script = asset("brief.js", folder)
    csp = (
        "default-src 'none'; "
        f"style-src '{_sha256(css)}'; "
        f"script-src '{_sha256(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    # the stylesheet and script are argmap's own (or the organisation's), never the debate's
    html = render(
        folder,
        TEMPLATE,
        brief=replace(
            brief_view(debate, svg, map_note=map_note, map_pages=map_pages, since=since),
            paper_note=paper_note,
        ),
        css=Markup(css),
        script=Markup(script),
        csp=csp,
    )
    return re.sub(r"[ \t]+\n", "\n", html)
