"""AIF JSON (AIFdb, OVA, and the xAIF wrapper): the argument interchange format.

Export: each position and argument becomes an I-node (its id kept as the nodeID); each
reason becomes an RA node (co-premises share one RA); each attack becomes a CA node aimed
at the attacked I-node, and each undercut a CA node aimed at the RA it disputes. Actors
who advance an argument become participants, with an L-node and a YA ("Asserting") per
claim. Output is deterministic: no timestamps.

Import: I-nodes become positions (those that are premises of nothing) and arguments; an RA
with several premises makes them co-premises; a CA aimed at an RA is an undercut; MA
(rephrase) counts as support, tagged ``rephrase``; PA (preference) is noted and skipped;
L, YA and TA nodes with ``locutions`` and ``participants`` become actors and ``by``.
Scheme names are kept as tags. Defects (dangling edges, an RA with no conclusion) are
reported at their place in the source file, and what can be imported is.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any, Final

from argmap.diagnostics import Diagnostic
from argmap.io.formats.common import Imported, element
from argmap.io.source_map import DataPath, SourceMap
from argmap.model import Debate, is_slug
from argmap.outline import relation_groups

_NOT_SLUG: Final = re.compile(r"[^a-z0-9_-]+")


def dump_aif(debate: Debate) -> str:
    """The debate as AIF JSON."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, str]] = []

    def node(node_id: str, text: str, kind: str, **extra: str) -> str:
        nodes.append({"nodeID": node_id, "text": text, "type": kind, **extra})
        return node_id

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": f"e:{len(edges) + 1}", "fromID": source, "toID": target})

    for p in debate.positions:
        node(p.id, p.text, "I")
    for a in debate.arguments:
        node(a.id, a.text, "I")
    groups = relation_groups(debate)
    schemes = {p.id: p.scheme for p in debate.positions if p.scheme}
    schemes.update({a.id: a.scheme for a in debate.arguments if a.scheme})
    # keyed by a group's first member: the groups of one target partition its arguments,
    # and hashing a whole group per member would cost its size squared
    ras: dict[tuple[str, str], str] = {}
    ras_of: dict[str, list[str]] = defaultdict(list)
    for a in debate.arguments:
        for target in a.supports:
            group = groups[(a.id, target)]
            key = (group[0], target)
            if key not in ras:
                scheme = schemes.get(target, "Default Inference")
                ras[key] = node(f"ra:{len(ras) + 1}", scheme, "RA", scheme=scheme)
                for premise in group:
                    edge(premise, ras[key])
                edge(ras[key], target)
            ras_of[a.id].append(ras[key])
    conflicts: list[str] = []
    cas_of: dict[str, list[str]] = defaultdict(list)

    made: dict[tuple[str, str], str] = {}

    def conflict(attackers: tuple[str, ...], target: str) -> str:
        """One CA per co-premise group and target: co-premises attack jointly."""
        key = (attackers[0], target)
        if key not in made:
            ca = node(
                f"ca:{len(conflicts) + 1}", "Default Conflict", "CA", scheme="Default Conflict"
            )
            conflicts.append(ca)
            for attacker in attackers:
                edge(attacker, ca)
            edge(ca, target)
            made[key] = ca
        return made[key]

    for a in debate.arguments:
        for target in a.attacks:
            cas_of[a.id].append(conflict(groups[(a.id, target)], target))
    # an undercut aims at the links (RA or CA) it disputes; an undercut of an undercut
    # needs that undercut's own CA first, so go round until nothing new appears
    pending = [(a.id, t) for a in debate.arguments for t in a.undercuts]
    while pending:
        waiting = []
        for source, t in pending:
            links = list(dict.fromkeys([*ras_of.get(t, []), *cas_of.get(t, [])]))
            if not links:
                waiting.append((source, t))
                continue
            for link in links:
                cas_of[source].append(conflict(groups[(source, t)], link))
        if len(waiting) == len(pending):  # a cycle of undercuts only: nothing to aim at
            break
        pending = waiting
    names = {x.id: x.name for x in debate.actors}
    participants: list[dict[str, str]] = []
    locutions: list[dict[str, str]] = []
    seen: set[str] = set()
    for a in debate.arguments:
        for actor in a.by:
            if actor not in seen:
                seen.add(actor)
                participants.append(
                    {"participantID": actor, "firstname": names.get(actor, actor), "surname": ""}
                )
            l_node = node(f"l:{len(locutions) + 1}", f"{names.get(actor, actor)}: {a.text}", "L")
            locutions.append({"nodeID": l_node, "personID": actor})
            ya = node(f"ya:{len(locutions)}", "Asserting", "YA")
            edge(l_node, ya)
            edge(ya, a.id)
    data = {"nodes": nodes, "edges": edges, "locutions": locutions, "participants": participants}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def is_aif(data: object) -> bool:
    """AIF is told by its shape, nodes with ``nodeID`` and edges with ``fromID`` (many real
    files have no ``locutions``), inside an optional xAIF ``{"AIF": …}`` wrapper."""
    body = data.get("AIF", data) if isinstance(data, dict) else None
    if not isinstance(body, dict):
        return False
    nodes, edges = body.get("nodes"), body.get("edges")
    return (
        isinstance(nodes, list)
        and isinstance(edges, list)
        and any(isinstance(n, dict) and "nodeID" in n for n in nodes)
        and (not edges or any(isinstance(e, dict) and "fromID" in e for e in edges))
    )


def _slug(raw: object, used: set[str], prefix: str) -> str:
    text = str(raw).lower()
    ident = text if is_slug(text) else f"{prefix}-{_NOT_SLUG.sub('-', text).strip('-') or 'x'}"
    ident = ident[:60]
    base, n = ident, 2
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    used.add(ident)
    return ident


_SAYS: Final = re.compile(r"\s*(?P<name>[^:'\"\u2018\u201c]{1,80}?)(?:\s*:|\s+says\b)")
"""The speaker an L-node's text names: ``Mayor: …`` or ``VCBrown says '…'``."""
_KNOWN_TYPES: Final = frozenset({"I", "RA", "CA", "MA", "PA", "L", "YA", "TA"})
"""AIF node types argmap reads (I, RA, CA, MA), reports (PA) or follows (L, YA, TA)."""


def _node_id(value: object) -> str | None:
    """A nodeID as text; None for a value that cannot be one (a list, a mapping, null)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value)


def _text(value: object) -> str | None:
    """A text field: text, or a number written without quotes; None for anything else."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value)


def load_aif(data: Any, source_map: SourceMap, title: str) -> Imported:
    """A raw debate (plain data for the model) from parsed AIF JSON, and its defects."""
    wrapped = isinstance(data, dict) and "AIF" in data
    body = data["AIF"] if wrapped else data
    base: DataPath = ("AIF",) if wrapped else ()
    problems: list[Diagnostic] = []

    def problem(path: DataPath, message: str, hint: str) -> None:
        problems.append(Diagnostic("W309", message, source_map.value((*base, *path)), hint))

    def items(key: str) -> list[Any]:
        value = body.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            problem((key,), f"'{key}' is not a list", f"the {key} are skipped")
            return []
        return value

    nodes: dict[str, dict[str, Any]] = {}
    where: dict[str, int] = {}
    for i, n in enumerate(items("nodes")):
        ident = _node_id(n.get("nodeID")) if isinstance(n, dict) else None
        if ident is None:
            problem(("nodes", i), f"node #{i + 1} has no usable nodeID", "the node is skipped")
            continue
        if ident in nodes:
            problem(
                ("nodes", i, "nodeID"),
                f"node id {ident} is used by two nodes, #{where[ident] + 1} and #{i + 1} "
                '(1 and "1" are one id)',
                "the second is skipped; give it an id of its own",
            )
            continue
        text = n.get("text", "")
        if _text(text) is None:
            problem(("nodes", i, "text"), f"the text of node {ident} is not text", "it is left out")
        kind_of = n.get("type", "")
        if not isinstance(kind_of, str) or kind_of.upper() not in _KNOWN_TYPES:
            problem(
                ("nodes", i, "type"),
                f"node {ident} has the type {kind_of!r}, which AIF does not define",
                "the node is skipped",
            )
            continue
        nodes[ident] = n
        where[ident] = i
    into: dict[str, list[str]] = defaultdict(list)
    out_of: dict[str, list[str]] = defaultdict(list)
    for i, e in enumerate(items("edges")):
        if not isinstance(e, dict):
            problem(("edges", i), f"edge #{i + 1} is not an object", "the edge is skipped")
            continue
        source, target = str(_node_id(e.get("fromID"))), str(_node_id(e.get("toID")))
        for end, label in ((source, "fromID"), (target, "toID")):
            if end not in nodes:
                problem(
                    ("edges", i, label),
                    f"edge {e.get('edgeID', i)} points at node {end}, which the file does not have",
                    "the edge is skipped",
                )
        if source in nodes and target in nodes:
            out_of[source].append(target)
            into[target].append(source)
    kind = {k: str(n.get("type", "")).upper() for k, n in nodes.items()}
    used: set[str] = set()
    ids = {k: _slug(k, used, "n") for k, t in kind.items() if t == "I"}
    relation: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    linked: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    """Premise → target → the co-premises it holds that target with (one inference each)."""
    groups_into: dict[tuple[str, str], set[frozenset[str]]] = defaultdict(set)
    schemes: dict[str, list[str]] = defaultdict(list)  # conclusion → its inferences' schemes
    inferences_of: dict[str, int] = defaultdict(int)  # I-node → the RA/CA nodes it feeds
    for k, t in kind.items():
        if t in ("RA", "CA"):
            for p in into[k]:
                if kind.get(p) == "I":
                    inferences_of[p] += 1
    tags: dict[str, list[str]] = defaultdict(list)
    premise_of_something: set[str] = set()
    for k, t in kind.items():
        if t not in ("RA", "CA", "MA"):
            if t == "PA":
                problem(
                    ("nodes", where[k]),
                    f"preference node {k} is not imported",
                    "argmap has no preferences between arguments; use 'weight'",
                )
            continue
        premises = [p for p in into[k] if kind.get(p) == "I"]
        conclusions = out_of[k]
        if not premises or not conclusions:
            problem(
                ("nodes", where[k]),
                f"{t} node {k} has no " + ("premise" if not premises else "conclusion"),
                "the node is skipped",
            )
            continue
        scheme = _text(nodes[k].get("scheme")) or _text(nodes[k].get("text")) or ""
        for target in conclusions:
            if t == "CA" and kind.get(target) in ("RA", "CA"):
                # an undercut disputes the inference: aim it at one premise of that
                # inference (argmap counts an undercut against the premise's whole group),
                # one that feeds no other inference where there is one
                disputed = [p for p in into[target] if kind.get(p) == "I"]
                if not disputed:
                    continue
                aimed = min(disputed, key=lambda p: inferences_of[p] > 1)
                goal = ids[aimed]
            elif kind.get(target) == "I":
                goal = ids[target]
            else:
                continue
            field = (
                "undercuts"
                if kind.get(target) in ("RA", "CA")
                else "attacks"
                if t == "CA"
                else "supports"
            )
            if t in ("RA", "CA") and len(premises) > 1:  # several premises: co-premises
                # each names the first (co-premises are taken both ways and transitively),
                # so a group is written in space linear in its size
                group = frozenset(premises)
                for p in premises:
                    if p != premises[0]:
                        linked[ids[p]][goal].add(ids[premises[0]])
                    groups_into[(ids[p], goal)].add(group)
            for p in premises:
                relation[ids[p]][field].append(goal)
                premise_of_something.add(p)
                if t == "MA":
                    tags[ids[p]].append("rephrase")
                elif t == "CA" and scheme and scheme != "Default Conflict":
                    tags[ids[p]].append(_NOT_SLUG.sub("-", scheme.lower()).strip("-")[:60])
            if t == "RA" and scheme and scheme not in schemes[goal]:
                schemes[goal].append(scheme)
    merged = sum(1 for found in groups_into.values() if len(found) > 1)
    if merged:
        problems.append(
            Diagnostic(
                "W310",
                f"{merged} {'premise takes' if merged == 1 else 'premises take'} part in "
                "several inferences towards one conclusion, each with other co-premises",
                source_map.value(base),
                "argmap has one co-premise group per premise and target: they are merged",
            )
        )

    # who says what: L -> YA -> I, with the L-node's speaker from locutions/participants
    speaker: dict[str, str] = {}
    people: dict[str, str] = {}
    for i, person in enumerate(items("participants")):
        ident = _node_id(person.get("participantID")) if isinstance(person, dict) else None
        if ident is None:
            problem(
                ("participants", i),
                f"participant #{i + 1} has no usable participantID",
                "it is skipped",
            )
            continue
        name = " ".join(_text(person.get(x)) or "" for x in ("firstname", "surname")).strip()
        people[ident] = name or ident
    for i, loc in enumerate(items("locutions")):
        node = _node_id(loc.get("nodeID")) if isinstance(loc, dict) else None
        person = _node_id(loc.get("personID")) if isinstance(loc, dict) else None
        if node is None or person is None:
            problem(
                ("locutions", i),
                f"locution #{i + 1} has no usable nodeID and personID",
                "it is skipped",
            )
            continue
        speaker[node] = person
    for k, t in kind.items():
        if t == "L" and k not in speaker:
            text = _text(nodes[k].get("text")) or ""
            said = _SAYS.match(text)
            if said is not None:
                name = said["name"].strip()
                speaker[k] = name
                people.setdefault(name, name)
    actor_ids: dict[str, str] = {}
    used_actor: set[str] = set(used)
    by: dict[str, list[str]] = defaultdict(list)
    stances: dict[str, dict[str, str]] = defaultdict(dict)
    for k, t in kind.items():
        if t != "L" or k not in speaker:
            continue
        for ya in out_of[k]:
            if kind.get(ya) != "YA":
                continue
            for claim in out_of[ya]:
                if kind.get(claim) == "I":
                    person = speaker[k]
                    if person not in actor_ids:
                        actor_ids[person] = _slug(people.get(person, person), used_actor, "actor")
                    if actor_ids[person] not in by[ids[claim]]:
                        by[ids[claim]].append(actor_ids[person])
                    if claim not in premise_of_something:  # asserting an option: a stance
                        stances[actor_ids[person]][ids[claim]] = "supports"
    positions, arguments = [], []
    for k in sorted(ids, key=lambda x: where[x]):
        text = _text(nodes[k].get("text")) or ""
        if not text.strip():
            text = f"(node {k} has no text)"
        ident = ids[k]
        if k not in premise_of_something:
            positions.append({"id": ident, "text": text})
            _scheme(positions[-1], schemes.get(ident, []))
            continue
        item = element(
            ident,
            text,
            relation[ident],
            linked=linked[ident],
            by=by.get(ident, ()),
            tags=tags[ident],
        )
        _scheme(item, schemes.get(ident, []))
        arguments.append(item)
    actors = [
        {
            "id": ident,
            "name": people.get(person, person),
            "kind": "person",
            **({"stances": stances[ident]} if stances.get(ident) else {}),
        }
        for person, ident in actor_ids.items()
    ]
    raw = {
        "argmap": 1,
        "id": _slug(title, set(), "aif"),
        "title": title,
        "question": f"What does {title} argue?",
        "actors": actors,
        "positions": positions,
        "arguments": arguments,
    }
    placed: dict[str, tuple[int, int]] = {}
    for k, ident in ids.items():
        place = source_map.value((*base, "nodes", where[k]))
        placed[ident] = (place.line or 1, place.column or 1)
    return Imported.of(raw, problems, placed)


def _scheme(item: dict[str, Any], schemes: list[str]) -> None:
    """An element's ``scheme``: the scheme of the inferences that reach it, unless that
    is AIF's default; several are kept together, joined with ``; ``."""
    named = [s for s in schemes if s != "Default Inference"]
    if named:
        item["scheme"] = "; ".join(named)
