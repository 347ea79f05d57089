"""Ids as symbols in a debate file: where each is defined and where it is named, and
what an editor offers at a place in a half-typed file. The language server
(:mod:`argmap.lsp`) answers from this; it knows nothing of the protocol.

Positions are 0-based (line, character), as editors count them; characters are Python
characters (the server converts to the client's encoding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from pydantic import BaseModel

from argmap.io.source_map import DataPath, SourceMap
from argmap.model import Actor, Argument, Debate, Evidence, KeyJudgement, Position, Source

LISTS: Final = ("sources", "actors", "positions", "arguments")
KIND: Final = {
    "sources": "source",
    "actors": "actor",
    "positions": "option",
    "arguments": "argument",
}
"""What each list holds, as people say it."""

REFERENCES: Final[dict[tuple[str, str], tuple[str, ...]]] = {
    ("arguments", "supports"): ("positions", "arguments"),
    ("arguments", "attacks"): ("positions", "arguments"),
    ("arguments", "undercuts"): ("arguments",),
    ("arguments", "linked_with"): ("arguments",),
    ("arguments", "by"): ("actors",),
    ("actors", "part_of"): ("actors",),
}
"""(list, field) → the lists whose ids the field names."""
FIELD_TAKES: Final[dict[str, tuple[str, ...]]] = {
    **{f: kinds for (_, f), kinds in REFERENCES.items()},
    "source": ("sources",),
    "recommends": ("positions",),
}
"""A field's name → the lists whose ids it takes, wherever it stands."""
KEYS_TAKE: Final = {"stances": ("positions",), "weights": ("arguments",)}
"""A mapping field → the lists whose ids its keys are."""
MODELS: Final[dict[str, type[BaseModel]]] = {
    "sources": Source,
    "actors": Actor,
    "positions": Position,
    "arguments": Argument,
    "evidence": Evidence,
    "key_judgements": KeyJudgement,
}
ENUMS: Final[dict[str, list[str]]] = {
    "power": ["high", "medium", "low"],
    "interest": ["high", "medium", "low"],
    "confidence": ["high", "moderate", "low"],
    "standard": ["preponderance", "clear-and-convincing", "beyond-reasonable-doubt"],
    "reliability": ["A", "B", "C", "D", "E", "F"],
    "credibility": ["1", "2", "3", "4", "5", "6"],
    "status_quo": ["true", "false"],
}
STANCES: Final = ["supports", "opposes", "neutral", "divided", "unknown"]


@dataclass(frozen=True)
class Occurrence:
    """An id where it is defined or named: its place and what it may name."""

    ident: str
    line: int
    start: int
    end: int
    defines: str | None = None
    """The list it defines an element of (None for a reference)."""
    takes: tuple[str, ...] = ()
    """For a reference: the lists whose ids it may name."""

    def holds(self, line: int, character: int) -> bool:
        return self.line == line and self.start <= character <= self.end


@dataclass
class Symbols:
    """Every id of a YAML debate file, defined and named, with their places."""

    occurrences: list[Occurrence] = field(default_factory=list)
    defined: dict[str, Occurrence] = field(default_factory=dict)
    elements: dict[str, tuple[str, int, int, int]] = field(default_factory=dict)
    """Id → (list, index, first line, last line) of its element's block."""
    sections: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Top-level key → its first and last line."""

    def at(self, line: int, character: int) -> Occurrence | None:
        for found in self.occurrences:
            if found.holds(line, character):
                return found
        return None

    def of(self, ident: str) -> list[Occurrence]:
        return [o for o in self.occurrences if o.ident == ident]


def symbols_of(text: str, data: Any, source_map: SourceMap | None) -> Symbols | None:
    """The ids of a parsed YAML debate text, from its data and the positions of its keys
    and values; None when it is not a mapping."""
    if not isinstance(data, dict) or source_map is None:
        return None
    lines = text.splitlines()
    values, keys = source_map.values, source_map.keys
    found = Symbols()

    def place(pos: tuple[int, int] | None, ident: str) -> tuple[int, int, int] | None:
        if pos is None or not 0 < pos[0] <= len(lines):
            return None
        line, column = pos[0] - 1, pos[1] - 1
        text_line = lines[line]
        if text_line[column : column + 1] in ("'", '"'):
            column += 1
        if text_line[column : column + len(ident)] != ident:
            return None
        return line, column, column + len(ident)

    def add(path: DataPath, ident: Any, *, key: bool = False, **kw: Any) -> None:
        if not isinstance(ident, str) or not ident:
            return
        where = place((keys if key else values).get(path), ident)
        if where is not None:
            occurrence = Occurrence(ident, *where, **kw)
            found.occurrences.append(occurrence)
            if occurrence.defines is not None:
                found.defined.setdefault(ident, occurrence)

    def names(path: DataPath, value: Any, takes: tuple[str, ...]) -> None:
        if isinstance(value, list):
            for n, item in enumerate(value):
                add((*path, n), item, takes=takes)
        else:
            add(path, value, takes=takes)

    top = sorted((pos[0] - 1, str(k[0])) for k, pos in keys.items() if len(k) == 1)
    for n, (line, key) in enumerate(top):
        last = top[n + 1][0] - 1 if n + 1 < len(top) else len(lines) - 1
        found.sections[key] = (line, _trim(lines, line, last))
    add(("recommends",), data.get("recommends"), takes=("positions",))
    for name_ in LISTS:
        items = data.get(name_)
        if not isinstance(items, list):
            continue
        starts = [values.get((name_, i), (0, 0))[0] - 1 for i in range(len(items))]
        section_end = found.sections.get(name_, (0, len(lines) - 1))[1]
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            path: DataPath = (name_, i)
            ident = item.get("id")
            add((*path, "id"), ident, defines=name_)
            if isinstance(ident, str):
                last = starts[i + 1] - 1 if i + 1 < len(items) else section_end
                found.elements[ident] = (name_, i, starts[i], _trim(lines, starts[i], last))
            for field_name, value in item.items():
                takes = REFERENCES.get((name_, field_name))
                if field_name == "linked_with" and isinstance(value, dict):
                    for target, partners in value.items():
                        add((*path, field_name, target), target, key=True, takes=_TARGETS)
                        names((*path, field_name, target), partners, ("arguments",))
                elif takes is not None:
                    names((*path, field_name), value, takes)
                elif field_name in KEYS_TAKE and isinstance(value, dict):
                    for key in value:
                        add((*path, field_name, key), key, key=True, takes=KEYS_TAKE[field_name])
                elif field_name == "evidence" and isinstance(value, list):
                    for j, evidence in enumerate(value):
                        if isinstance(evidence, dict):
                            add(
                                (*path, field_name, j, "source"),
                                evidence.get("source"),
                                takes=("sources",),
                            )
    found.occurrences.sort(key=lambda o: (o.line, o.start))
    return found


_TARGETS: Final = ("positions", "arguments")


def _trim(lines: list[str], first: int, last: int) -> int:
    """``last``, moved up past blank and comment lines."""
    while last > first and (not lines[last].strip() or lines[last].lstrip().startswith("#")):
        last -= 1
    return last


# -- what to offer where ---------------------------------------------------------------

_KEY_VALUE: Final = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w-]*):(?:\s+(.*))?$")
_ITEM: Final = re.compile(r"^(\s*)-\s*([\w-]*)$")
_TYPING_KEY: Final = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_]*)$")


@dataclass(frozen=True)
class Want:
    """What the place in the text asks for: ids of some lists, values of a field, or
    the field names of a model."""

    ids: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    typed: str = ""
    """The part of the word already typed."""


def wanted(text: str | list[str], line: int, character: int) -> Want:
    """What to complete at (line, character) of a YAML debate text (or its lines, split
    at each newline), read from the lines themselves (the file may be half typed and not
    parse)."""
    lines = text.split("\n") if isinstance(text, str) else text
    if not 0 <= line < len(lines):
        return Want()
    before = lines[line][:character]
    typed = re.search(r"[\w-]*$", before)
    word = typed.group() if typed else ""
    pair = _KEY_VALUE.match(before)
    if pair is not None:  # after 'name:' → its value
        key = pair.group(2)
        parent = _parent(lines, line, len(pair.group(1)))
        if parent == "stances":
            return Want(values=tuple(STANCES), typed=word)
        if key in FIELD_TAKES:
            return Want(ids=FIELD_TAKES[key], typed=word)
        if key == "kind":
            model = _list_of(lines, line)
            return Want(values=tuple(_KINDS.get(model or "", ())), typed=word)
        if key in ENUMS:
            return Want(values=tuple(ENUMS[key]), typed=word)
        return Want()
    item = _ITEM.match(before)
    if item is not None:  # a block list item: the list's field
        parent = _list_key(lines, line, len(item.group(1)))
        if parent in FIELD_TAKES:
            return Want(ids=FIELD_TAKES[parent], typed=word)
    key = _TYPING_KEY.match(before)
    if key is not None:  # a field name, or a key of stances/weights
        indent = len(key.group(1))
        parent = _parent(lines, line, indent + (2 if before.lstrip().startswith("-") else 0))
        if parent in KEYS_TAKE:
            return Want(ids=KEYS_TAKE[parent], typed=word)
        if indent == 0:
            return Want(fields=tuple(Debate.model_fields), typed=word)
        chosen = MODELS.get(parent or "") or MODELS.get(_list_of(lines, line) or "")
        if chosen is not None:
            return Want(fields=tuple(chosen.model_fields), typed=word)
    return Want()


def _parent(lines: list[str], line: int, indent: int) -> str | None:
    """The key of the block that a line indented ``indent`` at ``line`` is in: the
    nearest 'name:' above it indented less, with nothing after it; for a place inside a
    list item ('- id: x'), the key of that list."""
    for n in range(line - 1, -1, -1):
        text = lines[n]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        own = len(text) - len(text.lstrip())
        if own >= indent:
            continue
        if text.lstrip().startswith("-"):
            return _parent(lines, n, own)
        pair = _KEY_VALUE.match(text)
        return pair.group(2) if pair is not None and not pair.group(3) else None
    return None


def _list_key(lines: list[str], line: int, indent: int) -> str | None:
    """The key of the block list whose item starts at ``line``, indented ``indent``:
    the 'name:' above it, indented as much or less (YAML allows both), past the list's
    earlier items."""
    for n in range(line - 1, -1, -1):
        text = lines[n]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        own = len(text) - len(text.lstrip())
        if own > indent or (own == indent and text.lstrip().startswith("-")):
            continue  # inside an earlier item, or an earlier item
        pair = _KEY_VALUE.match(text)
        return pair.group(2) if pair is not None and not pair.group(3) else None
    return None


def _list_of(lines: list[str], line: int) -> str | None:
    """The top-level list (sources, actors…) that ``line`` is in."""
    for n in range(line, -1, -1):
        pair = _KEY_VALUE.match(lines[n])
        if pair is not None and not pair.group(1):
            return pair.group(2) if pair.group(2) in MODELS else None
    return None


_KINDS: Final = {
    "sources": ["media", "official", "academic", "ngo", "company", "testimony", "dataset", "other"],
    "actors": [
        "government",
        "agency",
        "company",
        "person",
        "group",
        "ngo",
        "media",
        "international",
        "public",
        "other",
    ],
}


def describe(debate: Debate, ident: str, numbers: dict[str, str]) -> str | None:
    """Markdown for a hover on ``ident``: its kind, outline number, title, text and who
    advances it."""
    for element in debate.positions:
        if element.id == ident:
            head = f"**Option {numbers.get(ident, '')} {element.title or ident}**".replace(
                "  ", " "
            )
            return f"{head}\n\n{element.text}"
    for argument in debate.arguments:
        if argument.id == ident:
            title = argument.title or ident
            lines = [
                f"**Argument {numbers.get(ident, '')} {title}**".replace("  ", " "),
                "",
                argument.text,
            ]
            relations = [
                f"{verb} {', '.join(f'`{t}`' for t in targets)}"
                for verb, targets in (
                    ("supports", argument.supports),
                    ("attacks", argument.attacks),
                    ("undercuts", argument.undercuts),
                )
                if targets
            ]
            if relations:
                lines += ["", "It " + "; ".join(relations) + "."]
            if argument.by:
                lines += ["", f"Advanced by {', '.join(argument.by)}."]
            return "\n".join(lines)
    for actor in debate.actors:
        if actor.id == ident:
            said = f"**Actor {actor.name}** ({actor.kind.value})"
            return f"{said}\n\n{actor.description}" if actor.description else said
    for source in debate.sources:
        if source.id == ident:
            said = f"**Source {source.title}**"
            parts = [p for p in (source.publisher, source.author) if p]
            if source.date:
                parts.append(source.date.isoformat())
            return f"{said}\n\n{', '.join(parts)}" if parts else said
    return None
