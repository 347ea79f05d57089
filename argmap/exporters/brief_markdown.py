"""The brief as Markdown: the same content as the HTML brief, for wikis and repositories,
with the map as an SVG file beside it.

Debate text keeps its Markdown under the HTML brief's rules: it is parsed by the same
markdown-it parser and written back out, so only web and mail links survive, images and
raw HTML become text, and no line can start a heading, list or quote.
"""

from __future__ import annotations

import re
from typing import Final

from argmap.exporters.brief import MARKDOWN, ArgumentView, brief_view
from argmap.model import Debate

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
    debate: Debate, map_file: str | None = None, map_note: str | None = None
) -> str:
    """The brief as Markdown; the map, if given, is the SVG file ``map_file`` beside it,
    and ``map_note`` says why there is none."""
    b = brief_view(debate, None, map_file, map_note)
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
    if b.criteria and b.assessed:
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
    elif map_note:
        out += ["## The map", "", _md_plain(map_note), ""]
    out += ["---", f"*Made with {b.generator}.*", ""]
    return "\n".join(out)
