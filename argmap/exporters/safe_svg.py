"""Graphviz's SVG, reduced to what a brief may inline.

The map's SVG is made by argmap's own pipeline (escaped DOT, then ``dot``), but it lands
inside a page that readers open, so it is sanitised again before it is: elements and
attributes outside an allowlist are dropped, links may only point inside the page, and
the text is re-serialised by ElementTree, which escapes it.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from typing import Final

from markupsafe import Markup

SVG: Final = "http://www.w3.org/2000/svg"
XLINK: Final = "http://www.w3.org/1999/xlink"
ELEMENTS: Final = frozenset(
    f"{{{SVG}}}{name}"
    for name in (
        "svg",
        "g",
        "title",
        "desc",
        "polygon",
        "polyline",
        "path",
        "ellipse",
        "circle",
        "rect",
        "line",
        "text",
        "a",
    )
)
ATTRIBUTES: Final = frozenset(
    {
        "id",
        "class",
        "transform",
        "viewBox",
        "width",
        "height",
        "points",
        "d",
        "fill",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "stroke-opacity",
        "fill-opacity",
        "cx",
        "cy",
        "rx",
        "ry",
        "r",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "text-anchor",
        "font-family",
        "font-size",
        "font-weight",
        "font-style",
        "role",
        "aria-label",
        f"{{{XLINK}}}href",
        f"{{{XLINK}}}title",
    }
)
_INTERNAL: Final = re.compile(r"#[A-Za-z0-9_-]+")


def sanitise(root: ET.Element) -> ET.Element:
    """Drop every element and attribute outside the allowlist, and outside links."""
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag not in ELEMENTS:
                parent.remove(child)
        for name in list(parent.attrib):
            value = parent.attrib[name]
            if name not in ATTRIBUTES or (
                name == f"{{{XLINK}}}href" and not _INTERNAL.fullmatch(value)
            ):
                del parent.attrib[name]
    return root


@functools.lru_cache(maxsize=8)
def inline_svg(svg: bytes, *, id_prefix: str | None = None, fluid: bool = True) -> Markup:
    """An ``<svg>`` element to place in an HTML page: sanitised, labelled, scalable.

    ``id_prefix`` goes before every id (for a second drawing of the same elements in one
    page, whose ids must not repeat the first's); ``fluid=False`` keeps the drawing's own
    size, for a stylesheet to bound (a printed page of the map)."""
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    root = sanitise(ET.fromstring(svg))
    root.set("role", "img")
    title = root.find(f"{{{SVG}}}g/{{{SVG}}}title")
    if title is not None and title.text:
        root.set("aria-label", title.text)
    if id_prefix is not None:
        for element in root.iter():
            if "id" in element.attrib:
                element.set("id", id_prefix + element.attrib["id"])
    width, height = root.get("width"), root.get("height")
    if fluid and width and height:  # scale to the page, keep the proportions
        root.set("width", "100%")
        del root.attrib["height"]
    text = ET.tostring(root, encoding="unicode")
    return Markup(text)  # sanitised, then escaped by ElementTree
