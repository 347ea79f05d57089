"""Graphviz's SVG made accessible: a real ``<title>`` and ``<desc>`` for the map and for
every node, so screen readers get the map's words, not ``p1`` and ``a3``.

Graphviz names each node's group with its (synthetic) DOT name; this pass replaces those
titles with the node's outline number, kind and short title, and adds a ``<desc>`` with
its full text. ElementTree writes all text escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Final

from argmap.errors import RenderError
from argmap.exporters.dot import MARKERS, accessible_name, node_names
from argmap.exporters.encode import plain, visible
from argmap.model import Debate
from argmap.outline import outline

SVG: Final = "http://www.w3.org/2000/svg"
XLINK: Final = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)


def _descriptions(debate: Debate, blank: frozenset[str]) -> dict[str, tuple[str, str]]:
    """DOT node name → (accessible title, description)."""
    tree = outline(debate)
    names = node_names(debate)
    out = {"q": ("Question", visible(plain(debate.question)))}
    for p in debate.positions:
        number = tree.numbers[p.id]
        hidden = p.id in blank
        title = visible(accessible_name(number, "OPTION", None if hidden else p.title))
        out[names[p.id]] = (title, "(left blank)" if hidden else visible(plain(p.text)))
    for a in debate.arguments:
        relation = "supports" if a.supports else "attacks" if a.attacks else "undercuts"
        number = tree.numbers[a.id]
        hidden = a.id in blank
        title = visible(accessible_name(number, MARKERS[relation], None if hidden else a.title))
        out[names[a.id]] = (title, "(left blank)" if hidden else visible(plain(a.text)))
    return out


def accessible_svg(svg: bytes, debate: Debate, blank: frozenset[str] = frozenset()) -> bytes:
    """Graphviz SVG with a title and description for the map and every node."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        raise RenderError(
            f"'dot' returned an SVG that is not well-formed ({exc}); nothing was written. "
            "Check the Graphviz installation: 'dot -V'"
        ) from None
    described = _descriptions(debate, blank)
    root.set("role", "img")
    for group in root.iter(f"{{{SVG}}}g"):
        kind = group.get("class")
        title = group.find(f"{{{SVG}}}title")
        if title is None or kind not in ("graph", "node"):
            continue
        if kind == "graph":
            title.text = visible(plain(debate.title))
            words = visible(plain(debate.question))
        else:
            entry = described.get(title.text or "")
            if entry is None:  # junctions, legend, "more" markers: argmap's own words
                continue
            title.text, words = entry
        desc = ET.Element(f"{{{SVG}}}desc")
        desc.text = words
        group.insert(list(group).index(title) + 1, desc)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body + b"\n"
