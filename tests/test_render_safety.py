"""User text cannot break out of a label: an injection zoo, and a property over any text.

Every payload must leave ``dot`` working, the SVG well-formed, and the SVG's elements and
attributes exactly those argmap's template produces; the text itself must arrive intact
(escaped) in the node's description.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from argmap.diagrams import draw
from argmap.exporters import safe_svg
from argmap.exporters.encode import html, plain, quoted, visible
from tests.conftest import ROOT
from tests.strategies import characters, debate_with

BASE = (ROOT / "tests" / "zoo" / "valid-base.yaml").read_text(encoding="utf-8")
SVG_NS = "{http://www.w3.org/2000/svg}"

PAYLOADS = {
    "html-label": '<B>bold</B><IMG SRC="/etc/passwd"/></TD></TR></TABLE>>',
    "dot-breakout": '"]; x [image="/etc/passwd", shape=none]; y [label="',
    "trailing-backslash": "ends with a backslash \\",
    "escapes": "graph \\G node \\N edge \\E head \\H tail \\T label \\L newline \\n",
    "line-breaks": "line one\nline two\u2028line three\u2029four",
    "braces": "{ digraph x { a -> b } }",
    "long": "word " * 4000,
    "rtl": "שלום עולם مرحبا بالعالم \u202eevil\u202c",
    "cjk": "海康威视 监控 新疆 问题",
    "entities": "&amp; &lt;script&gt; &#0; &#x41;",
    "script": "<script>alert(1)</script><svg onload=alert(1)>",
    "lone-bracket": "]",  # found by hypothesis: Graphviz 2.43 refused a cell holding only "]"
}


def _shape(svg: bytes) -> tuple[set[str], set[str]]:
    root = ET.fromstring(svg)
    tags = {el.tag for el in root.iter()}
    attributes = {name for el in root.iter() for name in el.attrib}
    return tags, attributes


BASELINE_TAGS, BASELINE_ATTRIBUTES = _shape(draw(debate_with("plain words"), "svg"))


def assert_safe(text: str) -> None:
    debate = debate_with(text)
    svg = draw(debate, "svg")
    tags, attributes = _shape(svg)  # parses: well-formed
    assert tags <= BASELINE_TAGS
    assert attributes <= BASELINE_ATTRIBUTES
    assert not any(a.lower().startswith("on") for a in attributes)
    root = ET.fromstring(svg)
    descriptions = [d.text or "" for d in root.iter(f"{SVG_NS}desc")]
    assert visible(plain(text)) in descriptions
    hrefs = {a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter(f"{SVG_NS}a")}
    assert hrefs - {None} <= {"#pos-p", "#arg-pro", "#arg-con", "#arg-cut"}


REFUSED = {
    "nul": "before\x00after",
    "crlf": "line one\r\nline two\rline three",
    "control": "bell\x07 escape\x1b[31m delete\x7f c1\x9b",
    "surrogate": "half \ud800 a character",
}
"""Text no debate may hold (E109): refused when read, and harmless to the encoders anyway."""


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_injection_zoo(name: str) -> None:
    assert_safe(PAYLOADS[name])


@pytest.mark.parametrize("name", list(REFUSED))
def test_control_characters_never_reach_a_drawing(name: str) -> None:
    with pytest.raises(ValidationError, match=r"string_pattern_mismatch|string_unicode"):
        debate_with(REFUSED[name])
    for encoded in (html(REFUSED[name]), quoted(REFUSED[name])):
        assert not any(0xD800 <= ord(c) <= 0xDFFF or ord(c) < 0x20 for c in encoded)
        assert not any(0x7F <= ord(c) <= 0x9F for c in encoded)


def test_dot_breakout_stays_inside_its_string() -> None:
    dot_text = draw(debate_with(PAYLOADS["dot-breakout"]), "dot").decode()
    node_lines = [line for line in dot_text.splitlines() if re.match(r"\s+x \[", line)]
    assert node_lines == []  # no node called x was declared


@settings(max_examples=int(os.environ.get("ARGMAP_RENDER_EXAMPLES", "25")), deadline=None)
@example("`")  # found by hypothesis: Graphviz refused the empty <B></B> it became
@example("**")
@example("[](x)")
@given(st.text(characters, min_size=1, max_size=200).filter(str.strip))
def test_any_text_renders_safely(text: str) -> None:
    assert_safe(text)


# -- the sanitised drawing, written as ElementTree writes it ------------------------------


def _as_elementtree_writes(root: ET.Element) -> str:
    ET.register_namespace("", safe_svg.SVG)
    ET.register_namespace("xlink", safe_svg.XLINK)
    return ET.tostring(root, encoding="unicode")


@pytest.mark.parametrize("stem", ["hikvision-2019", "school-phones", "uk-5g-huawei-2020"])
def test_a_drawing_is_written_as_elementtree_writes_it(stem: str) -> None:
    """The map and the brief's printed pages of each example, sanitised, are written
    byte for byte as ElementTree writes them (the oracle the brief was made with)."""
    import argmap
    from argmap.briefing import map_pages

    debate = argmap.load(ROOT / "debates" / f"{stem}.yaml")
    for svg in [draw(debate, "svg"), *map_pages(debate)]:
        root = safe_svg.sanitise(ET.fromstring(svg))
        root.set("role", "img")
        assert safe_svg.written(root) == _as_elementtree_writes(root)


_TAG_NAMES = sorted(safe_svg.ELEMENTS)
_ATTRIBUTE_NAMES = sorted(safe_svg.ATTRIBUTES)


@st.composite
def _drawings(draw_: st.DrawFn, depth: int = 0) -> ET.Element:
    text = st.none() | st.text(max_size=12)
    node = ET.Element(draw_(st.sampled_from(_TAG_NAMES)))
    for name in draw_(st.lists(st.sampled_from(_ATTRIBUTE_NAMES), max_size=4, unique=True)):
        node.set(name, draw_(st.text(max_size=12)))
    node.text, node.tail = draw_(text), draw_(text)
    if depth < 3:
        node.extend(draw_(st.lists(_drawings(depth + 1), max_size=3)))
    return node


@given(_drawings())
@example(ET.Element(f"{{{safe_svg.SVG}}}svg", {"d": '&<>"\r\n\t x'}))
def test_any_allowed_drawing_is_written_as_elementtree_writes_it(root: ET.Element) -> None:
    root.tag = f"{{{safe_svg.SVG}}}svg"
    assert safe_svg.written(root) == _as_elementtree_writes(root)
