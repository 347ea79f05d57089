"""How much of Argdown's own reading of a file argmap's import keeps.

The reference is what Argdown's CLI writes with ``argdown json FILE OUT``, reduced by
:func:`reduce` to what a debate can hold (statements, arguments, relations and
premise–conclusion structures). :func:`compare` imports the same file with argmap and
counts, with Argdown's titles as the keys:

- statements and arguments that came across (an untitled conclusion its argument carries
  counts, with the argument's text);
- their texts, after folding white space; tags are left out on both sides (argmap keeps
  them as tags), and so are Markdown links' addresses and emphasis marks (argmap keeps
  the Markdown, Argdown its plain text);
- relations that came across with their kind and direction, and links of argmap's that
  no Argdown relation or structure explains (misattributed);
- lines the import skipped (W309 "the line is skipped").

``scripts/argdown_reference.py`` makes the reduced goldens of ``tests/fixtures/argdown``
and measures the shared corpus; ``tests/test_argdown.py`` compares without node.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Final

from argmap.textscan import link_texts

_KIND: Final = {"equivalence-class": "statement", "argument": "argument", "inference": "argument"}
_FIELD: Final = {
    "support": ("supports",),
    "entails": ("supports",),
    "attack": ("attacks",),
    "contrary": ("attacks",),
    "undercut": ("undercuts", "attacks"),
    "contradictory": ("attacks",),
}


def reduce(model: dict[str, Any]) -> dict[str, Any]:
    """Argdown's JSON model of a file, reduced to what the comparison needs."""
    statements = {}
    for title, ec in sorted(model.get("statements", {}).items()):
        text = ""
        for member in ec.get("members", []):
            if not member.get("isReference"):
                text = member.get("text") or ""
        statements[title] = text
    arguments = {}
    for title, argument in sorted(model.get("arguments", {}).items()):
        text = ""
        for member in argument.get("members", []):
            if not member.get("isReference"):
                text = member.get("text") or ""
        pcs = [
            [step.get("role", ""), step["title"], len(step["inference"]["inferenceRules"])]
            if step.get("inference")
            else [step.get("role", ""), step["title"], None]
            for step in argument.get("pcs", [])
        ]
        arguments[title] = {"text": text, "pcs": pcs}
    relations = sorted(
        [_KIND[r["fromType"]], r["from"], r["relationType"], _KIND[r["toType"]], r["to"]]
        for r in model.get("relations", [])
        if r.get("fromType") in _KIND and r.get("toType") in _KIND
    )
    return {"statements": statements, "arguments": arguments, "relations": relations}


@dataclass
class Tally:
    """What came across, of what Argdown read."""

    elements: int = 0
    elements_kept: int = 0
    texts: int = 0
    texts_kept: int = 0
    relations: int = 0
    relations_kept: int = 0
    misattributed: int = 0
    lines: int = 0
    lines_skipped: int = 0
    missing: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in (
            "elements",
            "elements_kept",
            "texts",
            "texts_kept",
            "relations",
            "relations_kept",
            "misattributed",
            "lines",
            "lines_skipped",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missing += other.missing


_TAGS: Final = re.compile(r"#(?:\([^)]+\)|[A-Za-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+)")


def _fold(text: str) -> str:
    text = link_texts(_TAGS.sub(" ", text))
    return " ".join(text.replace("*", "").replace("_", "").split())


def compare(text: str, name: str, reference: dict[str, Any]) -> Tally:
    """Import ``text`` (an Argdown file called ``name``) and count what came across of
    ``reference`` (a :func:`reduce`\\ d Argdown model)."""
    from argmap.io.formats.argdown import convert
    from argmap.io.formats.argdown_read import read_model

    model = read_model(text, name)
    converted = convert(model, name)
    items = {
        item["id"]: item
        for kind in ("positions", "arguments")
        for item in converted.imported.raw[kind]
    }
    ids = dict(converted.ids)
    carried = converted.carried
    tally = Tally()
    tally.lines = sum(1 for line in text.splitlines() if line.strip())
    tally.lines_skipped = sum(
        1 for d in converted.imported.problems if "line is skipped" in (d.hint or "")
    )

    for key, argument in carried.items():
        if argument in ids:
            ids[key] = ids[argument]

    def found(kind: str, title: str) -> dict[str, Any] | None:
        ident = ids.get((kind, title))
        if ident is None and (kind, title) in carried:
            ident = ids.get(carried[(kind, title)])
        return items.get(ident) if ident is not None else None

    for kind, table in (
        ("statement", reference["statements"]),
        ("argument", reference["arguments"]),
    ):
        for title, entry in table.items():
            want = entry if isinstance(entry, str) else entry["text"]
            tally.elements += 1
            item = found(kind, title)
            if item is None:
                tally.missing.append(f"{name}: {kind} {title!r}")
                continue
            tally.elements_kept += 1
            if not _fold(want):
                continue  # no text (a reference, or an argument without description)
            tally.texts += 1
            if _fold(item["text"]) == _fold(want) or (
                (kind, title) in carried and _fold(want) in _fold(item["text"])
            ):
                tally.texts_kept += 1
            else:
                tally.missing.append(
                    f"{name}: text of {kind} {title!r}: {item['text']!r} vs {want!r}"
                )
    explained: Counter[tuple[str, str, str]] = Counter()
    for source_kind, source, relation, target_kind, target in reference["relations"]:
        tally.relations += 1
        a, b = ids.get((source_kind, source)), ids.get((target_kind, target))
        pairs = [(a, b)] + ([(b, a)] if relation == "contradictory" else [])
        ok = a is not None and b is not None
        for x, y in pairs:
            fields = _FIELD.get(relation, ())
            hit = next((f for f in fields if y in items.get(x or "", {}).get(f, [])), None)
            ok = ok and hit is not None
            if hit is not None:
                explained[(x or "", hit, y or "")] += 1
        if ok:
            tally.relations_kept += 1
        else:
            tally.missing.append(f"{name}: relation {source} {relation} {target}")
    structure: set[tuple[str | None, str | None]] = set()
    for title, argument in reference["arguments"].items():
        me = ids.get(("argument", title))
        members = [ids.get(("statement", m)) for _r, m, _n in argument["pcs"]]
        for x in [me, *members]:
            for y in [me, *members]:
                structure.add((x, y))
    for ident, item in items.items():
        for f in ("supports", "attacks", "undercuts"):
            for target in item.get(f, []):
                if (ident, f, target) in explained or (ident, target) in structure:
                    continue
                tally.misattributed += 1
                tally.missing.append(f"{name}: unexplained {ident} {f} {target}")
    return tally
