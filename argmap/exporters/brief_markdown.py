"""The brief as Markdown: the same content as the HTML brief, for wikis and repositories,
with the map as an SVG file beside it.

Debate text keeps its Markdown under the HTML brief's rules: it is parsed by the same
markdown-it parser and written back out, so only web and mail links survive, images and
raw HTML become text, and no line can start a heading, list or quote.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from argmap.exporters.brief import MARKDOWN, ArgumentView, Named, Phrase, brief_view
from argmap.model import Debate

if TYPE_CHECKING:
    from argmap.diffing import Changes

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
    tokens = MARKDOWN.parseInline(text)
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


def _whole(text: Named | Phrase) -> str:
    """A computed name or sentence with every name in full (Markdown has no hover)."""
    pieces = text.pieces if isinstance(text, Phrase) else [text]
    return "".join(p.full or p.text for p in pieces)


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


def export_markdown(
    debate: Debate,
    map_file: str | None = None,
    map_note: str | None = None,
    since: Changes | None = None,
) -> str:
    """The brief as Markdown; the map, if given, is the SVG file ``map_file`` beside it,
    and ``map_note`` says why there is none; ``since`` what changed since an earlier
    version."""
    b = brief_view(debate, None, map_file, map_note, since=since)
    h = b.headings
    out: list[str] = []
    if b.handling:
        out += [f"**{_md_escape(b.handling).upper()}**", ""]
    out += [f"# {_md_escape(b.title)}", ""]
    made = [f"As of {b.date}." if b.date else ""]
    if b.author:
        made.append(
            f"Prepared by {_md_escape(b.author)}" + (f" on {b.prepared}." if b.prepared else ".")
        )
    elif b.prepared:
        made.append(f"Prepared on {b.prepared}.")
    if any(made):
        out.append(f"*{' '.join(m for m in made if m)}*  ")
    out += [f"**Question:** {_md_text(b.question)}", ""]
    if debate.decision or b.deadline:
        out += [f"## {h['decision']}", ""]
        if debate.decision:
            out += [_md_text(debate.decision), ""]
        if b.deadline:
            out += [f"**Needed by:** {b.deadline}", ""]
    if debate.bottom_line or debate.recommendation or b.confidence or b.key_judgements:
        out += [f"## {h['summary']}", ""]
        if debate.bottom_line:
            out += [_md_text(debate.bottom_line), ""]
        if debate.recommendation:
            out += ["### Recommendation", "", _md_text(debate.recommendation), ""]
            if b.ranking_note:
                out += [f"**Computed by argmap:** {_md_plain(b.ranking_note)}", ""]
        if debate.key_judgements:
            out += ["### Key judgements", ""]
            for n, k in enumerate(debate.key_judgements, 1):
                level = f" *({k.confidence} confidence)*" if k.confidence else ""
                out.append(f"{n}. {_md_text(k.text)}{level}")
            out.append("")
        if b.confidence:
            out += [f"**Confidence:** {b.confidence}", ""]
        out += ["*Written by the author of the debate, not computed by argmap.*", ""]
    if b.since is not None:
        out += [f"## {_md_escape(b.since.heading)}", "", _md_plain(b.since.summary), ""]
        out += [f"- {_md_plain(line)}" for line in b.since.lines]
        if b.since.more:
            out.append(f"- …and {b.since.more} more: `{b.since.command}` lists them all.")
        out.append("")
    out += [
        f"## {h['standing']}",
        "",
        "*Computed by argmap from the map, not a recommendation. Options are ranked by how "
        "well the arguments that stand support them; an option meets the standard "
        f"({_md_plain(b.standard)}).*",
        "",
        "| Rank | Option | Standing | Meets the standard | Strength | Why |",
        "|---|---|---|---|---|---|",
    ]
    for st_ in b.standing:
        why = (
            st_.standing_reason
            + "."
            + (
                f" Objections that stand and defeat it: {'; '.join(map(_whole, st_.unanswered))}."
                if st_.unanswered
                else ""
            )
        )
        out.append(
            f"| {st_.rank} | {st_.number} {_md_escape(st_.title)} | {st_.standing} | "
            f"{'yes' if st_.meets_standard else 'no'} | {st_.strength:.2f} | {_md_escape(why)} |"
        )
    out.append("")
    if b.standing_legend:
        legend = "; ".join(f"**{w}**: {_md_plain(m)}" for w, m in b.standing_legend)
        out += [f"{legend}. *{h['glossary']}* (at the end) explains the others.", ""]
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
        out += [f"- {_md_plain(_whole(note))}" for note in b.stakeholder_notes]
        out.append("")
    if b.coalitions:
        groups = "; ".join(", ".join(_md_escape(n) for n in g) for g in b.coalitions)
        out += [f"**Coalitions** (stances agree on at least 3 in 4 shared options): {groups}.", ""]
    if len(b.standing) > 1:
        out += [f"## {h['changes']}", ""]
        if b.changes:
            out += [f"- {_md_plain(_whole(line))}" for line in b.changes]
            if b.more_changes:
                out.append(f"- … and {b.more_changes} more (`argmap analyse --format json`)")
        else:
            out.append(
                "No single argument: taking any one out, or rating it anywhere from 0 to 1, "
                "leaves the same option first."
            )
        out.append("")
        if b.cruxes:
            out += ["### Where stakeholders part ways", ""]
            for crux in b.cruxes:
                out.append(f"- {_md_plain(_whole(crux.headline))}")
                out += [f"  - {_md_plain(_whole(detail))}" for detail in crux.details]
            out.append("")
    if debate.context or debate.background or b.criteria or debate.assumptions:
        out += [f"## {h['background']}", ""]
        for value in (debate.context, debate.background):
            if value:
                out += [_md_text(value), ""]
        if debate.assumptions:
            out += ["### Assumptions", "", *[f"- {_md_text(a)}" for a in debate.assumptions], ""]
        if b.criteria:
            out += ["### Criteria", "", *[f"- {_md_text(c)}" for c in b.criteria], ""]
    if b.actors:
        out += [f"## {h['stakeholders']}", ""]
        header = ["Actor", *[f"{p.number} {_md_escape(p.title or p.id)}" for p in b.positions]]
        out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for a in b.actors:
            cells = [("↳ " * a.depth) + _md_escape(a.name)]
            cells += [a.stances.get(p.id, "—") for p in b.positions]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    out += [f"## {h['options']}", ""]
    marks = "; ".join(f"**{mark}** {_md_plain(meaning)}" for mark, meaning in b.label_legend)
    out += [f"Beside each argument: {marks}; the number is its strength, from 0 to 1.", ""]

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
    positions_by_id = {p.id: p for p in debate.positions}
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
                    links = "; ".join(f"{n} {_md_escape(_whole(t))}" for n, t, _ in also)
                    out.append(f"- Also {label.lower()} this option: {links}")
                out.append("")
        source = positions_by_id.get(p.id)
        for label, items in (
            ("Risks", source.risks if source else []),
            ("Next steps", source.next_steps if source else []),
        ):
            if items:
                out += [f"**{label}**", "", *[f"- {_md_text(x)}" for x in items], ""]
    if b.criteria and b.assessed:
        out += [f"## {h['comparison']}", ""]
        out += ["| Option | " + " | ".join(_md_escape(c) for c in b.criteria) + " |"]
        out += ["|---|" + "---|" * len(b.criteria)]
        for p in b.positions:
            cells = [_md_text(p.assessment.get(c)) or "—" for c in b.criteria]
            out.append(f"| {p.number} {_md_escape(p.title or p.id)} | " + " | ".join(cells) + " |")
        out.append("")
    if b.references:
        out += [f"## {h['references']}", ""]
        for r in b.references:
            where = ", ".join(_md_escape(x) for x in (r.publisher, r.author, r.date) if x)
            url = f" <{r.url.replace('>', '%3E').replace(' ', '%20')}>" if r.url else ""
            title = f"*{_md_escape(r.source_title)}*"  # never a block of its own ("1. …")
            graded = f". Graded {_md_escape(r.grade)}, in the Admiralty code." if r.grade else ""
            out.append(f"{r.number}. {title}{', ' + where if where else ''}{url}{graded}")
            for q in r.quotes:
                quote = f"“{_md_text(q.quote)}” " if q.quote else ""
                place = q.locator or q.found_at
                locator = f"({_md_escape(place)}) " if place else ""
                out.append(f"   - {quote}{locator}(cited by {q.cited_by[0]})")
                if q.verified:
                    out.append(
                        f"     ✓ Verified against the local copy ({_md_escape(r.file or '')}, "
                        f"{q.found_at})."
                    )
                    lead = _md_text(q.before) + (" " if q.before[-1:].isspace() else "")
                    tail = (" " if q.after[:1].isspace() else "") + _md_text(q.after)
                    if q.left_out:
                        said = [f"“{_md_text(w)}”" for w in q.left_out]
                        cut = " and ".join([", ".join(said[:-1]), said[-1]] if said[1:] else said)
                        out.append(f"     The quote leaves out {cut}.")
                    out.append(f"     In context: “{lead}**{_md_text(q.passage)}**{tail}”")
        out.append("")
    out += [f"## {h['appendix']}", ""]
    if map_file:
        target = map_file.replace("<", "%3C").replace(">", "%3E")
        out += [f"![The map of this debate](<{target}>)", ""]
    elif map_note:
        out += [_md_plain(map_note), ""]
    else:
        out += ["*The map is drawn in the HTML brief and by `argmap render`.*", ""]
    out += [f"## {h['method']}", "", *[_md_plain(line) for line in b.method], ""]
    out += [f"## {h['glossary']}", ""]
    out += [f"- **{_md_escape(term)}**: {_md_plain(meaning)}." for term, meaning in b.glossary]
    out += [
        "",
        "---",
        f"*Made with {b.generator} from the debate file. {_md_plain(b.authorship)}*",
        "",
    ]
    return "\n".join(out)
