"""Graphviz's SVG made accessible: a real ``<title>`` and ``<desc>`` for the map and for
every node, so screen readers get the map's words, not ``p1`` and ``a3``.

Graphviz names each node's group with its (synthetic) DOT name; this pass replaces those
titles with the node's outline number, kind and short title, and adds a ``<desc>`` with
its full text, escaped.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Final
from xml.parsers import expat

from argmap.errors import RenderError
from argmap.exporters.dot import MARKERS, accessible_name
from argmap.exporters.encode import plain, visible
from argmap.index import index
from argmap.model import Debate


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


_PIECES: Final = re.compile(
    rb"<!DOCTYPE[^>]*>\n?|<!--.*?-->\n?|<svg "
    rb'|(<g id="[^"]*" class="(graph|node)"[^>]*>\n<title>)([^<]*)(</title>)',
    re.DOTALL,
)
"""What the rewrite touches: the doctype and comments (dropped: they name DOT nodes), the
``<svg`` tag (gets ``role="img"``), and each graph's and node's title."""


def accessible_svg(svg: bytes, debate: Debate, blank: frozenset[str] = frozenset()) -> bytes:
    """Graphviz SVG with a title and description for the map and every node; a blank's
    words (a worksheet's) are left out.

    The drawing is checked to be well-formed XML (a streaming parse that builds no tree)
    and rewritten in one pass over its text, which Graphviz writes in a fixed shape: a
    map of 10,000 arguments (26 MB of SVG) takes a fraction of a second and about three
    times its size in memory, not a tree of half a million elements.
    """
    parser = expat.ParserCreate()
    try:
        parser.Parse(svg, True)
    except expat.ExpatError as exc:
        raise RenderError(
            f"'dot' returned an SVG that is not well-formed ({exc}); nothing was written. "
            "Check the Graphviz installation: 'dot -V'"
        ) from None
    described = _Descriptions(debate, blank)
    graph = (visible(plain(debate.title)), visible(plain(debate.question)))

    def rewrite(found: re.Match[bytes]) -> bytes:
        if found[1] is None:  # the doctype, a comment or the svg tag
            return b'<svg role="img" ' if found[0] == b"<svg " else b""
        if found[2] == b"graph":
            entry: tuple[str, str] | None = graph
        else:
            entry = described.get(unescape(found[3].decode("utf-8")))
        if entry is None:  # junctions, legend, "more" markers: argmap's own words
            return found[0]
        title, words = entry
        return (
            found[1]
            + escape(title, quote=False).encode("utf-8")
            + found[4]
            + b"\n<desc>"
            + escape(words, quote=False).encode("utf-8")
            + b"</desc>"
        )

    return _PIECES.sub(rewrite, svg)  # one pass, one copy
