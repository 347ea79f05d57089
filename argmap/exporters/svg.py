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
from argmap.exporters.dot import MARKERS, accessible_name
from argmap.exporters.encode import plain, visible
from argmap.index import index
from argmap.model import Debate

SVG: Final = "http://www.w3.org/2000/svg"
XLINK: Final = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)


class _Descriptions:
    """DOT node name → (accessible title, description), made only for the nodes a drawing
    has: a map of one option out of 200 describes its own few dozen nodes."""

    def __init__(self, debate: Debate, blank: frozenset[str]) -> None:
        self.debate = debate
        self.blank = blank
        self.index = index(debate)

    def get(self, name: str) -> tuple[str, str] | None:
        if name == "q":
            return ("Question", visible(plain(self.debate.question)))
        ident = self.index.by_name.get(name)
        if ident is None:
            return None
        number = self.index.tree.numbers[ident]
        hidden = ident in self.blank
        position = self.index.positions.get(ident)
        if position is not None:
            title = visible(accessible_name(number, "OPTION", None if hidden else position.title))
            return title, "(left blank)" if hidden else visible(plain(position.text))
        a = self.index.arguments[ident]
        relation = "supports" if a.supports else "attacks" if a.attacks else "undercuts"
        title = visible(accessible_name(number, MARKERS[relation], None if hidden else a.title))
        return title, "(left blank)" if hidden else visible(plain(a.text))


def accessible_svg(svg: bytes, debate: Debate, blank: frozenset[str] = frozenset()) -> bytes:
    """Graphviz SVG with a title and description for the map and every node."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        raise RenderError(
            f"'dot' returned an SVG that is not well-formed ({exc}); nothing was written. "
            "Check the Graphviz installation: 'dot -V'"
        ) from None
    described = _Descriptions(debate, blank)
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
