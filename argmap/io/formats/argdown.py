"""Argdown, a subset: statements ``[Name]: text``, arguments ``<Name>: text``, relations
``+``/``-``/``_`` in both directions (``<+ <a>`` under a parent, ``+> [b]`` out of it),
nesting by indentation, ``#tags``, headings, YAML front matter between ``===`` lines,
``{data}`` at the end of a line, and premise–conclusion structures, whose premises
become co-premises of their conclusion.

Export writes that subset: the question as a heading, positions as statements with
their arguments nested beneath (outline order), further links as outgoing relations, and
co-premises as ``{linked: …}`` data. Import reads it back and reads hand-written Argdown.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Final

from argmap.diagnostics import Diagnostic, Location
from argmap.io.formats.common import Imported, is_argument
from argmap.io.formats.common import element as raw_element
from argmap.model import Debate, is_slug, slugify
from argmap.outline import outline

_ELEMENT: Final = re.compile(r"(?P<open>[\[<])(?P<name>[^\]>]+)[\]>](?::\s*(?P<text>.*))?$")
_RELATION: Final = re.compile(r"^(?P<rel><\+|<-|<_|\+>|->|_>)\s*(?P<rest>.*)$")
_PCS_LINE: Final = re.compile(r"^\((?P<n>\d+)\)\s*(?P<rest>.*)$")
_TAG: Final = re.compile(r"#\(((?:[^)\\]|\\.)*)\)|#([\w-]+)")
r"""``#tag`` or ``#(a tag)``; inside the brackets, ``\)`` and ``\\`` stand for ``)`` and ``\``."""
_DATA: Final = re.compile(r"\{(?P<body>[^{}]*)\}\s*$")
_FIELD: Final = {"+": "supports", "-": "attacks", "_": "undercuts"}
_MARK: Final = {"supports": "+", "attacks": "-", "undercuts": "_"}


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _tag(tag: str) -> str:
    r"""A tag as Argdown writes it: ``#(…)``, with ``)`` and ``\`` escaped."""
    return "#(" + tag.replace("\\", "\\\\").replace(")", "\\)") + ")"


def _clean(text: str) -> str:
    return " ".join(text.split())


def dump_argdown(debate: Debate) -> str:
    """The debate as Argdown."""
    tree = outline(debate)
    args = {a.id: a for a in debate.arguments}
    lines = ["===", f"title: {debate.title!r}", "===", "", f"# {_clean(debate.question)}", ""]

    def definition(ident: str) -> str:
        if ident in args:
            a = args[ident]
            tags = "".join(f" {_tag(t)}" for t in a.tags)
            data = f" {{linked: [{', '.join(a.linked_with)}]}}" if a.linked_with else ""
            return f"<{ident}>: {_clean(a.text)}{tags}{data}"
        p = next(p for p in debate.positions if p.id == ident)
        return f"[{ident}]: {_clean(p.text)}"

    def walk(ident: str, depth: int, parent: str | None) -> None:
        indent = "    " * depth
        if parent is None:
            lines.append(definition(ident))
        else:
            a = args[ident]
            field = next(f for f in ("supports", "attacks", "undercuts") if parent in getattr(a, f))
            lines.append(f"{indent}<{_MARK[field]} {definition(ident)}")
        for kid in tree.children.get(ident, []):
            walk(kid, depth + 1, ident)

    for top in tree.children.get(None, []):
        walk(top, 0, None)
        lines.append("")
    extra = [
        (a.id, field, t)
        for a in debate.arguments
        for field in ("supports", "attacks", "undercuts")
        for t in getattr(a, field)
        if tree.parent.get(a.id) != t
    ]
    by_source: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for source, field, target in extra:
        by_source[source].append((field, target))
    for source, links in by_source.items():
        lines.append(f"<{source}>")
        for field, target in links:
            bracket = f"<{target}>" if target in args else f"[{target}]"
            lines.append(f"    {_MARK[field]}> {bracket}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _slug(name: str) -> str:
    """An id from an element's name: kept as it is when it already is an id."""
    name = name.strip()
    if is_slug(name):
        return name
    return slugify(name)


def load_argdown(text: str, file: str) -> Imported:
    """A raw debate (plain data for the model) from Argdown, and its defects."""
    problems: list[Diagnostic] = []
    lines = text.splitlines()
    meta: dict[str, str] = {}
    start = 0
    if lines and lines[0].strip() == "===":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "==="), None)
        if end is None:
            problems.append(
                Diagnostic(
                    "W309",
                    "the front matter is not closed by '==='",
                    Location(file, 1, 1),
                    "it is ignored",
                )
            )
        else:
            for entry in lines[1:end]:
                if ":" in entry:
                    key, value = entry.split(":", 1)
                    meta[key.strip()] = value.strip().strip("'\"")
            start = end + 1
    heading = ""
    kind: dict[str, str] = {}  # id -> "statement" | "argument"
    texts: dict[str, str] = {}
    tags: dict[str, list[str]] = defaultdict(list)
    links: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    linked: dict[str, set[str]] = defaultdict(set)
    order: list[str] = []
    stack: list[tuple[int, str]] = []  # (indent, id) of open elements
    pcs: list[str] = []
    first_row: dict[str, tuple[int, int]] = {}

    def element(body: str, row: int) -> str | None:
        data = _DATA.search(body)
        if data:
            body = body[: data.start()].rstrip()
        match = _ELEMENT.match(body)
        if match is None:
            problems.append(
                Diagnostic(
                    "W309",
                    "expected a statement [Name] or an argument <Name>",
                    Location(file, row, 1),
                    "the line is skipped",
                )
            )
            return None
        ident = _slug(match["name"])
        if ident not in kind:
            order.append(ident)
            first_row.setdefault(ident, (row, 1))
            kind[ident] = "argument" if match["open"] == "<" else "statement"
        words = match["text"] or ""
        for found in _TAG.finditer(words):
            written = found.group(2) if found.group(1) is None else _unescape(found.group(1))
            if not written.strip():  # '#()': an empty tag is no tag
                continue
            tag = _slug(written)
            if tag not in tags[ident]:
                tags[ident].append(tag)
        words = _clean(_TAG.sub("", words))
        if words:
            texts[ident] = words
        if data:
            for pair in data["body"].split(";"):
                key, _, value = pair.partition(":")
                if key.strip() == "linked":
                    for partner in value.strip().strip("[]").split(","):
                        if partner.strip():
                            linked[ident].add(_slug(partner))
        return ident

    for row, line in enumerate(lines[start:], start=start + 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            if not stripped and not pcs:  # a blank line ends the current tree
                stack.clear()
            continue
        if stripped.startswith("#") and not stripped.startswith("#("):
            heading = heading or stripped.lstrip("#").strip()
            continue
        pcs_line = _PCS_LINE.match(stripped)
        if pcs_line or stripped.startswith("--"):
            if stripped.startswith("--"):
                pcs.append("----")
                continue
            if not pcs and order and order[-1] not in texts and not any(links[order[-1]].values()):
                # '<Name>' alone just above a premise-conclusion structure is its title
                kind.pop(order.pop(), None)
            ident = element(pcs_line["rest"], row) if pcs_line else None
            if ident:
                pcs.append(ident)
            continue
        if pcs:  # a premise-conclusion structure ended: premises jointly support the conclusion
            _close_pcs(pcs, links, linked, kind)
            pcs = []
        indent = len(line) - len(line.lstrip())
        relation = _RELATION.match(stripped)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if relation is None:
            ident = element(stripped, row)
            if ident:
                stack.append((indent, ident))
            continue
        parent = stack[-1][1] if stack else None
        if parent is None:
            problems.append(
                Diagnostic(
                    "W309",
                    "a relation with nothing above it to relate to",
                    Location(file, row, indent + 1),
                    "the line is skipped",
                )
            )
            continue
        rel = relation["rel"]
        ident = element(relation["rest"], row)
        if ident is None:
            continue
        field = _FIELD[rel[1] if rel.startswith("<") else rel[0]]
        if rel.startswith("<"):  # the child relates to its parent
            links[ident][field].append(parent)
        else:  # the parent relates to the child
            links[parent][field].append(ident)
        stack.append((indent, ident))
    if pcs:
        _close_pcs(pcs, links, linked, kind)
    positions, arguments = [], []
    for ident in order:
        words = texts.get(ident, ident.replace("-", " "))
        if not is_argument(links[ident]):
            positions.append({"id": ident, "text": words})
            continue
        arguments.append(
            raw_element(ident, words, links[ident], linked=linked[ident], tags=tags[ident])
        )
    title = meta.get("title") or heading or "Argdown map"
    raw = {
        "argmap": 1,
        "id": _slug(title),
        "title": title,
        "question": heading or title,
        "positions": positions,
        "arguments": arguments,
    }
    return Imported.of(raw, problems, first_row)


def _close_pcs(
    pcs: list[str],
    links: dict[str, dict[str, list[str]]],
    linked: dict[str, set[str]],
    kind: dict[str, str],
) -> None:
    """Premises above the last ``----`` support the conclusion below it, jointly."""
    if "----" not in pcs:
        return
    cut = len(pcs) - 1 - pcs[::-1].index("----")
    premises = [p for p in pcs[:cut] if p != "----"]
    conclusions = [c for c in pcs[cut + 1 :] if c != "----"]
    if not premises or not conclusions:
        return
    conclusion = conclusions[-1]
    for p in premises:
        links[p]["supports"].append(conclusion)
        if len(premises) > 1:
            linked[p] |= {q for q in premises if q != p}
