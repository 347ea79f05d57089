"""Kialo's text export: ``Discussion Title: …``, then a numbered outline of claims.

Export: the thesis ``1.`` is the question; each position is ``1.k. Pro: Option: …``; each
argument sits beneath its outline parent as ``Pro:`` (supports) or ``Con:`` (attacks or
undercuts, an undercut marked ``[undercut]``); further targets become ``-> See N.``
cross-links. Import reads that layout back, and ordinary Kialo discussions too: there the
thesis is the one position and its children argue for and against it. Continuation lines,
escaped parentheses and forward ``-> See`` links are handled; lines that fit no pattern
are reported at their place.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Final

from argmap.diagnostics import Diagnostic, Location
from argmap.io.formats.common import Imported
from argmap.model import Debate
from argmap.outline import outline

_LINE: Final = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.\s+(?:(?P<side>Pro|Con):\s*)?(?P<text>.*)$")
_SEE: Final = re.compile(
    r"^(?P<undercut>\[undercut\]\s*)?->\s*See\s+(?P<number>\d+(?:\.\d+)*)\.?\s*$"
)
OPTION: Final = "Option: "
UNDERCUT: Final = "[undercut] "


def _escape(text: str) -> str:
    return " ".join(text.split()).replace("(", r"\(").replace(")", r"\)")


def dump_kialo(debate: Debate) -> str:
    """The debate as a Kialo text outline."""
    tree = outline(debate)
    args = {a.id: a for a in debate.arguments}
    positions = {p.id: p for p in debate.positions}
    number: dict[str, str] = {}
    prefix_of: dict[str, str] = {}

    def assign(ident: str, prefix: str) -> None:
        number[ident] = prefix
        for n, kid in enumerate(tree.children.get(ident, []), 1):
            assign(kid, f"{prefix}.{n}")

    for n, top in enumerate(tree.children.get(None, []), 1):
        assign(top, f"1.{n}")
    # cross-links: every target beyond the one an argument is numbered under
    extra: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a in debate.arguments:
        for field in ("supports", "attacks", "undercuts"):
            for target in getattr(a, field):
                if tree.parent.get(a.id) != target:
                    extra[target].append((field, a.id))
    lines = [f"Discussion Title: {_escape(debate.title)}", "", f"1. {_escape(debate.question)}"]

    def walk(ident: str, parent: str | None) -> None:
        prefix = number[ident]
        prefix_of[ident] = prefix
        if ident in positions:
            lines.append(f"{prefix}. Pro: {OPTION}{_escape(positions[ident].text)}")
        else:
            a = args[ident]
            side = "Pro" if parent in a.supports else "Con"
            mark = UNDERCUT if parent in a.undercuts and parent not in a.attacks else ""
            lines.append(f"{prefix}. {side}: {mark}{_escape(a.text)}")
        kids = tree.children.get(ident, [])
        for kid in kids:
            walk(kid, ident)
        for k, (field, source) in enumerate(extra.get(ident, []), len(kids) + 1):
            side = "Pro" if field == "supports" else "Con"
            mark = UNDERCUT if field == "undercuts" else ""
            lines.append(f"{prefix}.{k}. {side}: {mark}-> See {number[source]}.")

    for top in tree.children.get(None, []):
        walk(top, None)
    return "\n".join(lines) + "\n"


def load_kialo(text: str, file: str) -> Imported:
    """A raw debate (plain data for the model) from a Kialo text export, and its defects."""
    problems: list[Diagnostic] = []
    lines = text.lstrip("\ufeff").splitlines()
    title = lines[0].split(":", 1)[1].strip() if lines else "Kialo discussion"
    entries: list[dict[str, Any]] = []  # number, side, text, see, line
    continued: list[str] = []  # continuation lines of the last entry, joined once
    first_line: dict[str, int] = {}
    skipping = False

    def close_entry() -> None:
        if entries and continued:
            entries[-1]["text"] = "\n".join([entries[-1]["text"], *continued])
        continued.clear()

    for row, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        match = _LINE.match(line.strip())
        if match is None:
            if skipping:  # the rest of a claim that was skipped
                continue
            if entries:
                continued.append(line.strip())
                continue
            problems.append(
                Diagnostic(
                    "W309",
                    "expected a numbered claim such as '1.2. Pro: …'",
                    Location(file, row, 1),
                    "the line is skipped",
                )
            )
            continue
        close_entry()
        skipping = False
        body = match["text"].strip()
        see = _SEE.match(body)
        number = match["number"]
        if not see and number in first_line:
            problems.append(
                Diagnostic(
                    "W309",
                    f"claim {number} is numbered twice: it is already at line {first_line[number]}",
                    Location(file, row, 1),
                    "this one is skipped; renumber it to keep it",
                )
            )
            skipping = True
            continue
        if not see:
            first_line[number] = row
        entries.append(
            {
                "number": number,
                "side": match["side"],
                "text": body,
                "see": see["number"] if see else None,
                "undercut": bool(see and see["undercut"]),
                "line": row,
            }
        )
    close_entry()
    by_number = {e["number"]: e for e in entries if not e["see"]}
    root = by_number.get("1")
    if root is None:
        problems.append(
            Diagnostic(
                "W309",
                "the outline has no thesis '1.'",
                Location(file, 1, 1),
                "a Kialo export starts its claims at 1.",
            )
        )
        raw = {"argmap": 1, "id": "kialo", "title": title or "Kialo", "question": title or "?"}
        return Imported(raw, problems)
    level1 = [e for e in entries if e["number"].count(".") == 1 and not e["see"]]
    argmap_layout = bool(level1) and all(e["text"].startswith(OPTION) for e in level1)
    ids: dict[str, str] = {}
    positions: list[dict[str, Any]] = []
    arguments: dict[str, dict[str, Any]] = {}

    def clean(body: str) -> str:
        return body.replace(r"\(", "(").replace(r"\)", ")").strip()

    if argmap_layout:
        question = clean(root["text"])
        for e in level1:
            ident = f"option-{e['number'].split('.')[-1]}"
            ids[e["number"]] = ident
            body = clean(e["text"][len(OPTION) :])
            positions.append({"id": ident, "text": body})
    else:
        question = title or clean(root["text"])
        ids["1"] = "thesis"
        positions.append({"id": "thesis", "text": clean(root["text"])})
    for e in entries:
        if e["number"] in ids or e["see"] or e["number"] == "1":
            continue
        ident = "k-" + e["number"].replace(".", "-")
        if len(ident) > 64:  # deeper than an id can spell: numbered in file order instead
            ident = f"k-n{len(ids) + 1}"
        ids[e["number"]] = ident
    for e in entries:
        parent_number = e["number"].rsplit(".", 1)[0]
        if e["number"] == "1" or (argmap_layout and e["number"].count(".") == 1):
            continue
        parent = ids.get(parent_number)
        if parent is None:
            problems.append(
                Diagnostic(
                    "W309",
                    f"claim {e['number']} has no parent claim {parent_number}",
                    Location(file, e["line"], 1),
                    "the claim is skipped",
                )
            )
            continue
        if e["see"]:
            source = ids.get(e["see"])
            if source is None:
                problems.append(
                    Diagnostic(
                        "W309",
                        f"'-> See {e['see']}.' points at no claim",
                        Location(file, e["line"], 1),
                        "the link is skipped",
                    )
                )
                continue
            if source in arguments:
                arguments[source].setdefault(_field(e), []).append(parent)
            else:  # a forward link: resolved below
                e["pending"] = (source, parent)
            continue
        body = clean(e["text"])
        field = "attacks" if e["side"] == "Con" else "supports"  # no side: Pro, as said
        if body.startswith(UNDERCUT):
            body, field = body[len(UNDERCUT) :], "undercuts"
        if e["side"] is None:
            problems.append(
                Diagnostic(
                    "W309",
                    f"claim {e['number']} says neither Pro: nor Con:",
                    Location(file, e["line"], 1),
                    "it is read as Pro",
                )
            )
        arguments[ids[e["number"]]] = {"id": ids[e["number"]], "text": body, field: [parent]}
    for e in entries:
        if "pending" in e:
            source, parent = e["pending"]
            if source in arguments:
                arguments[source].setdefault(_field(e), []).append(parent)
    raw = {
        "argmap": 1,
        "id": re.sub(r"[^a-z0-9]+", "-", (title or "kialo").lower()).strip("-")[:64] or "kialo",
        "title": title or "Kialo discussion",
        "question": question,
        "positions": positions,
        "arguments": list(arguments.values()),
    }
    where = {ident: (by_number[number]["line"], 1) for number, ident in ids.items()}
    return Imported.of(raw, problems, where)


def _field(entry: dict[str, Any]) -> str:
    """The relation a ``-> See N.`` link stands for: ``[undercut]`` marks an undercut."""
    if entry.get("undercut"):
        return "undercuts"
    return "attacks" if entry["side"] == "Con" else "supports"
