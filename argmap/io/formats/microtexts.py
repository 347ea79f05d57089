"""Argumentative Microtexts XML (``arggraph``): read only.

Text segments (``edu``) become the text of argumentative units (``adu``, pro or opp) through
``seg`` edges. ``sup`` and ``exa`` (an example, tagged ``example``) are support, ``reb`` an
attack; ``und`` aims at an edge and undercuts that edge's source; ``add`` aims at an edge
and makes its source a co-premise of that edge's source, with the same relation. The unit
that argues for nothing is the central claim: a position. Units with no segment are
implicit and say so. Defects are reported at their element in the source.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from argmap.diagnostics import Diagnostic, Location
from argmap.io.formats.common import Imported, element, is_argument
from argmap.io.source_map import LineIndex, location_of_offset
from argmap.model import slugify

_RELATIONS = {"sup": "supports", "exa": "supports", "reb": "attacks"}
_ELEMENTS = frozenset({"arggraph", "edu", "adu", "edge", "joint"})
"""The elements of the arggraph DTD."""
_ENTITY = re.compile(r"<!ENTITY\b")
_ID_ATTRIBUTE = re.compile(r'\bid="([^"]*)"')


def load_microtext(text: str, file: str) -> Imported:
    """A raw debate (plain data for the model) from arggraph XML, and its defects."""
    problems: list[Diagnostic] = []
    declared = _ENTITY.search(text)
    if declared is not None:  # entities can expand without end: refused whatever expat does
        problems.append(
            Diagnostic(
                "E004",
                "the XML declares an entity (<!ENTITY …>), which argmap does not read",
                location_of_offset(text, declared.start(), file),
                "write the text out in full",
            )
        )
        return Imported({}, problems)
    offsets: dict[str, int] = {}  # where each id="…" first appears: one pass over the text
    for found in _ID_ATTRIBUTE.finditer(text):
        offsets.setdefault(found.group(1), found.start())
    lines = LineIndex(text)

    def where_tag(tag: str) -> Location:
        found = text.find(f"<{tag}")
        return location_of_offset(text, found, file) if found >= 0 else Location(file, 1, 1)

    def where(ident: str) -> Location:
        offset = offsets.get(ident)
        if offset is None:
            return Location(file, 1, 1)
        return Location(file, *lines.position(offset))

    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        problems.append(
            Diagnostic(
                "E004",
                f"the XML cannot be parsed: {exc}",
                Location(file, line, column + 1),
                "check the markup",
            )
        )
        return Imported({}, problems)
    if root.tag != "arggraph":
        problems.append(
            Diagnostic(
                "E004",
                f"the XML's root element is <{root.tag}>, not <arggraph>",
                Location(file, 1, 1),
                "argmap reads Argumentative Microtexts XML (arggraph) files",
            )
        )
        return Imported({}, problems)
    unknown: dict[str, int] = {}
    for child in root.iter():
        if child is not root and child.tag not in _ELEMENTS:
            unknown[str(child.tag)] = unknown.get(str(child.tag), 0) + 1
    for tag, count in unknown.items():
        problems.append(
            Diagnostic(
                "W309",
                f"{count:,} <{tag}> element{'s' if count > 1 else ''} "
                + ("are" if count > 1 else "is")
                + " not part of an arggraph",
                where_tag(tag),
                "skipped",
            )
        )
    graph_id = root.get("id") or "microtext"
    edus = {e.get("id", ""): (e.text or "").strip() for e in root.iter("edu")}
    adus = {a.get("id", ""): a.get("type", "pro") for a in root.iter("adu")}
    edges = {e.get("id", ""): e for e in root.iter("edge")}
    text_of: dict[str, list[str]] = defaultdict(list)
    for edge in edges.values():
        if edge.get("type") == "seg":
            source, target = edge.get("src", ""), edge.get("trg", "")
            if source in edus and target in adus:
                text_of[target].append(edus[source])
            else:
                problems.append(
                    Diagnostic(
                        "W309",
                        f"segment edge {edge.get('id')} joins no text to a unit",
                        where(edge.get("id", "")),
                        "it is skipped",
                    )
                )
    relation: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    linked: dict[str, set[str]] = defaultdict(set)
    tags: dict[str, list[str]] = defaultdict(list)
    memo: dict[str, tuple[str, str, str] | None] = {}

    def resolve(edge_id: str) -> tuple[str, str, str] | None:
        """(source, field, target) of a relation edge, following ``add`` and ``und`` to the
        edge they build on; iterative, and each edge is resolved once."""
        chain: list[str] = []
        on_chain: set[str] = set()
        current = edge_id
        result: tuple[str, str, str] | None = None
        while True:
            if current in memo:
                result = memo[current]
                break
            edge = edges.get(current)
            if edge is None or current in on_chain:  # dangling, or a loop of edges
                result = None
                break
            kind = edge.get("type", "")
            if kind in _RELATIONS:
                result = (edge.get("src", ""), _RELATIONS[kind], edge.get("trg", ""))
                memo[current] = result
                break
            if kind not in ("und", "add"):
                result = None
                break
            chain.append(current)
            on_chain.add(current)
            current = edge.get("trg", "")
        for link in reversed(chain):  # each edge builds on the one it aims at
            if result is not None and edges[link].get("type") == "und":
                result = (edges[link].get("src", ""), "undercuts", result[0])
            memo[link] = result
        return result

    for edge_id, edge in edges.items():
        kind, source = edge.get("type", ""), edge.get("src", "")
        if kind == "seg":
            continue
        if kind not in (*_RELATIONS, "und", "add"):
            problems.append(
                Diagnostic(
                    "W309",
                    f"edge {edge_id} has the unknown type {kind!r}",
                    where(edge_id),
                    "it is skipped",
                )
            )
            continue
        if source not in adus:
            problems.append(
                Diagnostic(
                    "W309",
                    f"edge {edge_id} starts at {source!r}, which is no unit",
                    where(edge_id),
                    "it is skipped",
                )
            )
            continue
        resolved = resolve(edge_id)
        if resolved is None or (kind in _RELATIONS and resolved[2] not in adus):
            problems.append(
                Diagnostic(
                    "W309",
                    f"edge {edge_id} points at nothing the file has",
                    where(edge_id),
                    "it is skipped",
                )
            )
            continue
        _, field, target = resolved
        relation[source][field].append(target)
        if kind == "exa":
            tags[source].append("example")
        if kind == "add":
            partner = resolve(edge.get("trg", ""))
            if partner:
                linked[source].add(partner[0])
                linked[partner[0]].add(source)
    if not adus:
        problems.append(
            Diagnostic(
                "W309",
                "the arggraph has no argumentative units (<adu>): there is nothing to import",
                Location(file, 1, 1),
                "an arggraph joins text segments (<edu>) to units (<adu>) with edges",
            )
        )
    positions, arguments = [], []
    for adu, stance in adus.items():
        words = " ".join(text_of.get(adu, [])) or "(implicit: this unit has no text)"
        if not is_argument(relation[adu]):
            positions.append({"id": adu, "text": words})
            continue
        arguments.append(
            element(adu, words, relation[adu], linked=linked[adu], tags=[stance, *tags[adu]])
        )
    slug = slugify(graph_id, "microtext")
    topic = (root.get("topic_id") or graph_id).replace("_", " ")
    raw = {
        "argmap": 1,
        "id": slug,
        "title": f"Microtext {graph_id}",
        "question": f"What should be done about {topic}?",
        "positions": positions,
        "arguments": arguments,
    }
    placed = {adu: lines.position(offsets[adu]) for adu in adus if adu in offsets}
    return Imported.of(raw, problems, placed)
