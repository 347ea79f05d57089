"""Graphviz's SVG, reduced to what a brief may inline.

The map's SVG is made by argmap's own pipeline (escaped DOT, then ``dot``), but it lands
inside a page that readers open, so it is sanitised again before it is: elements and
attributes outside an allowlist are dropped, links may only point inside the page, and
the text is written again from the parsed tree, escaped (:func:`written`: as ElementTree
writes it, byte for byte, in 60% of the time).
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
_TAGS: Final = {tag: tag.partition("}")[2] for tag in ELEMENTS}
_NAMES: Final = {
    name: "xlink:" + name.partition("}")[2] if name.startswith(f"{{{XLINK}}}") else name
    for name in ATTRIBUTES
}
_HREF: Final = f"{{{XLINK}}}href"
_IN_VALUE: Final = re.compile('[&<>"\r\n\t]')
_IN_TEXT: Final = re.compile("[&<>]")


def sanitise(root: ET.Element) -> ET.Element:
    """Drop every element and attribute outside the allowlist, and outside links."""
    if all(_allowed(node) for node in root.iter()):  # dot's drawings: nothing to drop
        return root
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


def _allowed(node: ET.Element) -> bool:
    """Whether an element is in the allowlist with all its attributes, and links only
    inside the page."""
    attrib = node.attrib
    if node.tag not in ELEMENTS or not attrib.keys() <= ATTRIBUTES:
        return False
    link = attrib.get(_HREF)
    return link is None or _INTERNAL.fullmatch(link) is not None


def _value(text: str) -> str:
    """An attribute's value escaped as ElementTree escapes it."""
    if _IN_VALUE.search(text) is None:
        return text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
    return text.replace("\t", "&#09;")


def _text(text: str) -> str:
    """Text escaped as ElementTree escapes it."""
    if _IN_TEXT.search(text) is None:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def written(root: ET.Element) -> str:
    """A sanitised drawing (:func:`sanitise`) as text: what
    ``ET.tostring(root, encoding="unicode")`` writes with SVG the default namespace and
    ``xlink`` XLink's, byte for byte (tested), without its general machinery: a walk
    that finds every namespace used and a look-up of every name (a map of 1,000
    arguments: 0.055 s, not 0.095 s, on every save of the live preview). Only
    the allowlist's elements and attributes can be written: any other is a KeyError."""
    out: list[str] = []
    write = out.append
    xlink = any(name in _NAMES and name[0] == "{" for e in root.iter() for name in e.attrib)
    spaces = f' xmlns="{SVG}"' + (f' xmlns:xlink="{XLINK}"' if xlink else "")

    def element(node: ET.Element, declare: str) -> None:
        tag = _TAGS[node.tag]
        write(f"<{tag}{declare}")
        for name, value in node.attrib.items():
            write(f' {_NAMES[name]}="{_value(value)}"')
        text = node.text
        if text or len(node):
            write(">")
            if text:
                write(_text(text))
            for child in node:
                element(child, "")
            write(f"</{tag}>")
        else:
            write(" />")
        if node.tail:
            write(_text(node.tail))

    element(root, spaces)
    return "".join(out)


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
    if root.tag not in _TAGS:  # not a drawing of dot's: written the general way
        return Markup(ET.tostring(root, encoding="unicode"))
    return Markup(written(root))  # sanitised, then escaped
