"""Exports of a debate's graph for other tools: the attack graph as TGF and ASPARTIX/ICCMA
``.apx`` for argumentation solvers, Mermaid for GitHub and GitLab pages, GraphML for yEd
and Gephi. Each is pure and deterministic."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Final

from argmap.model import Debate
from argmap.outline import outline

_MERMAID_UNSAFE: Final = re.compile(r'["<>&#`|\[\]{}()\\]')


def _attacks(debate: Debate) -> list[tuple[str, str]]:
    """Attack-graph edges (attacker, target): rebuttals and undercuts."""
    return [(a.id, t) for a in debate.arguments for t in (*a.attacks, *a.undercuts)]


def _nodes(debate: Debate) -> list[str]:
    return [p.id for p in debate.positions] + [a.id for a in debate.arguments]


def dump_tgf(debate: Debate) -> str:
    """Trivial Graph Format: one node per line, ``#``, then one ``attacker target`` per line."""
    lines = [*_nodes(debate), "#", *(f"{a} {t}" for a, t in _attacks(debate))]
    return "\n".join(lines) + "\n"


def dump_apx(debate: Debate) -> str:
    """ASPARTIX/ICCMA facts ``arg(a1).`` ``att(a1,a2).``, with comments naming each atom
    (ids may hold hyphens, which ASP atoms may not)."""
    atoms = {ident: f"a{n}" for n, ident in enumerate(_nodes(debate), 1)}
    lines = [f"% {atom} = {ident}" for ident, atom in atoms.items()]
    lines += [f"arg({atom})." for atom in atoms.values()]
    lines += [f"att({atoms[a]},{atoms[t]})." for a, t in _attacks(debate)]
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    flat = " ".join(text.split())
    return _MERMAID_UNSAFE.sub(lambda m: f"#{ord(m.group())};", flat)


def dump_mermaid(debate: Debate) -> str:
    """A Mermaid flowchart: options on top, support solid and marked +, attack dotted and
    marked −, undercut dotted and marked ⊘; numbers as on argmap's maps."""
    numbers = outline(debate).numbers
    names = {p.id: f"p{n}" for n, p in enumerate(debate.positions, 1)}
    names.update({a.id: f"a{n}" for n, a in enumerate(debate.arguments, 1)})
    lines = ["flowchart BT", f'  q["{_mermaid_text("Question: " + debate.question)}"]']
    for p in debate.positions:
        label = _mermaid_text(f"{numbers[p.id]} OPTION: {p.title or p.text}")
        lines.append(f'  {names[p.id]}["{label}"] --- q')
    for a in debate.arguments:
        label = _mermaid_text(f"{numbers[a.id]} {a.title + ': ' if a.title else ''}{a.text}")
        lines.append(f'  {names[a.id]}("{label}")')
    for a in debate.arguments:
        for t in a.supports:
            lines.append(f"  {names[a.id]} -->|+| {names[t]}")
        for t in a.attacks:
            lines.append(f"  {names[a.id]} -.->|−| {names[t]}")
        for t in a.undercuts:
            lines.append(f"  {names[a.id]} -.->|⊘ undercut| {names[t]}")
    return "\n".join(lines) + "\n"


def dump_graphml(debate: Debate) -> str:
    """GraphML with each node's kind, outline number, title and text, and each edge's
    relation (supports, attacks, undercuts, linked_with)."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}graphml")
    for key, target in (
        ("kind", "node"),
        ("number", "node"),
        ("title", "node"),
        ("text", "node"),
        ("relation", "edge"),
    ):
        ET.SubElement(
            root,
            f"{{{ns}}}key",
            {"id": key, "for": target, "attr.name": key, "attr.type": "string"},
        )
    graph = ET.SubElement(root, f"{{{ns}}}graph", {"id": debate.id, "edgedefault": "directed"})
    numbers = outline(debate).numbers

    def node(ident: str, kind: str, title: str | None, text: str) -> None:
        element = ET.SubElement(graph, f"{{{ns}}}node", {"id": ident})
        for key, value in (
            ("kind", kind),
            ("number", numbers[ident]),
            ("title", title or ""),
            ("text", text),
        ):
            data = ET.SubElement(element, f"{{{ns}}}data", {"key": key})
            data.text = value

    for p in debate.positions:
        node(p.id, "position", p.title, p.text)
    for a in debate.arguments:
        node(a.id, "argument", a.title, a.text)
    n = 0
    for a in debate.arguments:
        links = [(f, t) for f in ("supports", "attacks", "undercuts") for t in getattr(a, f)]
        links += [("linked_with", partner) for _where, _t, partner in a.linked_pairs()]
        for relation, target in links:
            n += 1
            edge = ET.SubElement(
                graph, f"{{{ns}}}edge", {"id": f"e{n}", "source": a.id, "target": target}
            )
            data = ET.SubElement(edge, f"{{{ns}}}data", {"key": "relation"})
            data.text = relation
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
