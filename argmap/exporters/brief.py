"""A debate as a policy brief: one self-contained HTML file, or Markdown.

The brief follows the order policy-brief guides agree on: title and question; what the
author wrote (bottom line, background, recommendation, criteria, confidence), each left
out when empty, for argmap never invents a verdict; the stakeholders; the options with
their arguments; options × criteria; numbered references; and an appendix with the map
and the same map as an outline.

:func:`brief_view` computes everything a template shows (the variables are documented in
``docs/briefs.md``); :func:`export_html` renders it with Jinja2, autoescape on for every
template and ``StrictUndefined``. Text fields are Markdown, rendered by markdown-it-py
with raw HTML off and only http, https and mailto links: that renderer and the SVG
sanitiser are the only sources of markup that the templates do not escape.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from markupsafe import Markup

from argmap import __version__
from argmap.exporters.dot import MARKERS
from argmap.exporters.encode import shorten
from argmap.exporters.safe_svg import inline_svg
from argmap.exporters.templates import TemplateFolder, asset, render
from argmap.model import Argument, Debate, Stance
from argmap.outline import outline

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


_MD: Final = _markdown()


def markdown_block(text: str | None) -> Markup:
    """Markdown as HTML paragraphs and lists: raw HTML shown as text, only web and mail links."""
    return Markup(_MD.render(text)) if text else Markup("")  # escaped by markdown-it


def markdown_inline(text: str | None) -> Markup:
    """Markdown as inline HTML (emphasis, code, links), for titles and short texts."""
    return Markup(_MD.renderInline(text)) if text else Markup("")  # escaped by markdown-it


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
    also_for: list[tuple[str, str, str]] = field(default_factory=list)
    """Arguments numbered elsewhere that also support this option: (number, title, id)."""
    also_against: list[tuple[str, str, str]] = field(default_factory=list)
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
class Reference:
    """A numbered piece of evidence: the quote and where it comes from."""

    number: int
    quote: str | None
    locator: str | None
    source_title: str
    publisher: str | None
    author: str | None
    date: str | None
    url: str | None
    cited_by: tuple[str, str]
    """(outline number, argument id) of the argument that cites it."""


@dataclass
class Standing:
    """Where an option stands, as computed by ``argmap analyse``."""

    id: str
    number: str
    title: str
    status: str
    strength: float
    reason: str
    strongest_for: str | None
    strongest_against: str | None
    unanswered: list[str]


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
    """Computed: each option's status, strength and reason."""
    stakeholder_verdicts: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """Computed: (actor name, position id → "in 0.81") for each actor with weights."""
    coalitions: list[list[str]] = field(default_factory=list)
    """Computed: groups of actor names whose stances agree."""


def _short(arg: Argument) -> str:
    return arg.title or shorten(arg.text)


def brief_view(debate: Debate, svg: bytes | None = None, map_file: str | None = None) -> BriefView:
    """The brief's content. ``svg`` is the map (drawn by ``dot``), inlined and sanitised."""
    tree = outline(debate)
    args = {a.id: a for a in debate.arguments}
    names = {a.id: a.name for a in debate.actors}
    from argmap.exporters.dot import node_names

    node = node_names(debate)
    references: list[Reference] = []
    sources = {s.id: s for s in debate.sources}

    def relation_to(arg: Argument, parent: str) -> str:
        if parent in arg.supports:
            return "supports"
        return "attacks" if parent in arg.attacks else "undercuts"

    def view(ident: str, parent: str) -> ArgumentView:
        arg = args[ident]
        relation = relation_to(arg, parent)
        refs = []
        for item in arg.evidence:
            source = sources[item.source]
            references.append(
                Reference(
                    len(references) + 1,
                    item.quote,
                    item.locator,
                    source.title,
                    source.publisher,
                    source.author,
                    source.date.isoformat() if source.date else None,
                    source.url,
                    (tree.numbers[ident], ident),
                )
            )
            refs.append(len(references))
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
            )
        )
    by_position = {v.id: v for v in positions}
    for arg in debate.arguments:  # links that the outline does not number beneath the option
        for relation in ("supports", "attacks"):
            for target in getattr(arg, relation):
                view_ = by_position.get(target)
                if view_ is None or tree.parent.get(arg.id) == target:
                    continue
                entry = (tree.numbers[arg.id], _short(arg), arg.id)
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

    def named(ident: str | None) -> str | None:
        return f"{tree.numbers[ident]} {_short(args[ident])}" if ident else None

    standing = [
        Standing(
            p.id,
            p.number,
            p.title,
            str(p.label),
            p.strength,
            p.reason,
            named(p.strongest_for),
            named(p.strongest_against),
            [str(named(u)) for u in p.unanswered],
        )
        for p in result.positions
    ]
    stakeholder_verdicts = [
        (
            s_.name,
            {pid: f"{label} {strength:.2f}" for pid, (label, strength) in s_.positions.items()},
        )
        for s_ in result.stakeholders
    ]
    coalitions = [[names[a] for a in group] for group in result.coalitions]
    return BriefView(
        standing=standing,
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
        confidence=str(debate.confidence) if debate.confidence else None,
        positions=positions,
        actors=actors,
        grid=grid,
        references=references,
        map_svg=inline_svg(svg) if svg else None,
        map_file=map_file,
        generator=f"argmap {__version__}",
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
) -> str:
    """The brief as one HTML file that works offline and allows nothing but its own code.

    ``template_dir`` is a folder of the user's own templates (see :mod:`.templates`): it
    runs in Jinja2's sandbox and reads files only from inside the folder.
    """
    folder = TemplateFolder(template_dir) if isinstance(template_dir, Path) else template_dir
    css = asset("brief.css", folder)
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
        brief=brief_view(debate, svg),
        css=Markup(css),
        script=Markup(script),
        csp=csp,
    )
    return re.sub(r"[ \t]+\n", "\n", html)


# -- Markdown -----------------------------------------------------------------------------

_MD_SPECIAL: Final = re.compile(r"([\\`*_{}\[\]<>#|!])")


def _md_text(text: str | None) -> str:
    """User text for a Markdown brief, on one line, under the HTML brief's rules.

    The text is parsed as the HTML brief parses it and written back out: emphasis, code
    and links to web and mail addresses are kept; a link anywhere else (``javascript:``,
    ``data:``) and an image (a remote one would be fetched by the reader) stay text;
    raw HTML is defused; nothing can start a heading, list or quote.
    """
    if not text:
        return ""
    tokens = _MD.parseInline(text)
    out: list[str] = []
    hrefs: list[str] = []
    for token in tokens[0].children or []:
        kind = token.type
        if kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind in ("em_open", "em_close"):
            out.append("*")
        elif kind in ("strong_open", "strong_close"):
            out.append("**")
        elif kind == "code_inline":
            out.append(_md_code(token.content))
        elif kind == "link_open":
            hrefs.append(str(token.attrs.get("href", "")))
            out.append("[")
        elif kind == "link_close":
            href = hrefs.pop() if hrefs else ""
            out.append(f"](<{href.replace('<', '%3C').replace('>', '%3E').replace(' ', '%20')}>)")
        else:
            out.append(_md_plain(token.content))
    line = " ".join("".join(out).split())
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}", line)


_MD_PLAIN: Final = re.compile(r"([\\`*_\[\]!|])")
_MD_LINE_START: Final = re.compile(r"^(\d*)([#+=.)>-])")


def _md_plain(text: str) -> str:
    """Text as Markdown shows it literally: marks escaped, raw HTML defused."""
    return _MD_PLAIN.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))


def _md_code(code: str) -> str:
    """An inline code span that holds ``code`` exactly, whatever backticks it has."""
    longest = max((len(run) for run in re.findall("`+", code)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if code.startswith("`") or code.endswith("`") or not code.strip() else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def _md_escape(text: str) -> str:
    """Plain text (names, titles of sources) with Markdown's special characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def export_markdown(debate: Debate, map_file: str | None = None) -> str:
    """The brief as Markdown; the map, if given, is the SVG file ``map_file`` beside it."""
    b = brief_view(debate, None, map_file)
    out: list[str] = [f"# {_md_escape(b.title)}", ""]
    if b.date:
        out.append(f"*{b.date}*  ")
    out += [f"**Question:** {_md_text(b.question)}", ""]
    for heading, value in (
        ("Bottom line", debate.bottom_line),
        ("Context", debate.context),
        ("Background", debate.background),
        ("Recommendation", debate.recommendation),
    ):
        if value:
            out += [f"## {heading}", "", _md_text(value), ""]
    if b.criteria:
        out += ["## Criteria", "", *[f"- {_md_text(c)}" for c in b.criteria], ""]
    if b.confidence:
        out += [f"**Confidence:** {b.confidence}", ""]
    out += [
        "## What stands",
        "",
        "*Computed by argmap from the map (grounded semantics; DF-QuAD strength 0 to 1). "
        "Not a recommendation.*",
        "",
        "| Option | Status | Strength | Why |",
        "|---|---|---|---|",
    ]
    for st_ in b.standing:
        why = st_.reason + (f" Unanswered: {'; '.join(st_.unanswered)}." if st_.unanswered else "")
        out.append(
            f"| {st_.number} {_md_escape(st_.title)} | {st_.status} | "
            f"{st_.strength:.2f} | {_md_escape(why)} |"
        )
    out.append("")
    if b.stakeholder_verdicts:
        out += [
            "| Stakeholder | "
            + " | ".join(f"{x.number} {_md_escape(x.title)}" for x in b.standing)
            + " |",
            "|---|" + "---|" * len(b.standing),
        ]
        for name, verdicts in b.stakeholder_verdicts:
            cells = [verdicts.get(x.id, "—") for x in b.standing]
            out.append(f"| {_md_escape(name)} | " + " | ".join(cells) + " |")
        out.append("")
    if b.coalitions:
        groups = "; ".join(", ".join(_md_escape(n) for n in g) for g in b.coalitions)
        out += [f"**Coalitions** (stances agree on at least 3 in 4 shared options): {groups}.", ""]
    if b.actors:
        out += ["## Stakeholders", ""]
        header = ["Actor", *[f"{p.number} {_md_escape(p.title or p.id)}" for p in b.positions]]
        out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for a in b.actors:
            cells = [("↳ " * a.depth) + _md_escape(a.name)]
            cells += [a.stances.get(p.id, "—") for p in b.positions]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    out += ["## Options", ""]

    def argument_lines(view: ArgumentView, depth: int) -> list[str]:
        refs = "".join(f" [{n}]" for n in view.refs)
        title = f"**{_md_escape(view.title)}** " if view.title else ""
        by = f" — *{_md_escape(', '.join(view.actors))}*" if view.actors else ""
        text = _md_text(debate_text[view.id])
        status = f" ({view.status}, {view.strength:.2f})"
        lines = [f"{'  ' * depth}- {view.number} {view.marker} {title}{text}{by}{refs}{status}"]
        for child in view.children:
            lines += argument_lines(child, depth + 1)
        return lines

    debate_text = {a.id: a.text for a in debate.arguments}
    position_text = {p.id: p.text for p in debate.positions}
    for p in b.positions:
        quo = " (status quo)" if p.status_quo else ""
        out += [f"### {p.number} {_md_escape(p.title or '')}{quo}".rstrip(), ""]
        if p.id in position_text:
            out += [_md_text(position_text[p.id]), ""]
        for label, group, also in (
            ("For", p.pros, p.also_for),
            ("Against", p.cons, p.also_against),
        ):
            if group or also:
                out += [f"**{label}**", ""]
                for view in group:
                    out += argument_lines(view, 0)
                if also:
                    links = "; ".join(f"{n} {_md_escape(t)}" for n, t, _ in also)
                    out.append(f"- Also {label.lower()} this option: {links}")
                out.append("")
    if b.criteria:
        out += ["## Options and criteria", ""]
        out += ["| Option | " + " | ".join(_md_escape(c) for c in b.criteria) + " |"]
        out += ["|---|" + "---|" * len(b.criteria)]
        for p in b.positions:
            cells = [_md_text(p.assessment.get(c)) or "—" for c in b.criteria]
            out.append(f"| {p.number} {_md_escape(p.title or p.id)} | " + " | ".join(cells) + " |")
        out.append("")
    if b.references:
        out += ["## References", ""]
        for r in b.references:
            quote = f"“{_md_text(r.quote)}” — " if r.quote else ""
            where = ", ".join(
                _md_escape(x) for x in (r.publisher, r.author, r.date, r.locator) if x
            )
            url = f" <{r.url.replace('>', '%3E').replace(' ', '%20')}>" if r.url else ""
            out.append(
                f"{r.number}. {quote}{_md_escape(r.source_title)}"
                f"{', ' + where if where else ''}{url} (cited by {r.cited_by[0]})"
            )
        out.append("")
    if map_file:
        target = map_file.replace("<", "%3C").replace(">", "%3E")
        out += ["## The map", "", f"![The map of this debate](<{target}>)", ""]
    out += ["---", f"*Made with {b.generator}.*", ""]
    return "\n".join(out)
