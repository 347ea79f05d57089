"""The text of an HTML source as a reader of the page sees it, block by block.

Read with the standard library's HTML parser (no network, no scripts). Scripts, styles,
the head, SVG and MathML are not text. Text a reader cannot see is kept apart, with the
reason it is hidden, so that a quote of it is refused and told why: elements with the
``hidden`` attribute, an inline ``display: none`` or ``visibility: hidden``, a
``<template>``, a ``<textarea>``, a closed ``<dialog>``, and elements that a rule of the
page's own ``<style>`` hides (selectors of tags, classes and ids, joined by descendant
or child combinators). Rules argmap cannot apply (pseudo-classes, attribute selectors,
sibling combinators) are returned, so that the caller can warn that the text they hide
counts as visible; external stylesheets are never fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Final

BLOCKS: Final = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "caption",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "main",
        "figure",
        "figcaption",
        "address",
        "hr",
        "details",
        "summary",
        "form",
        "fieldset",
        "legend",
        "dialog",
    ]
)
_DROPPED: Final = frozenset(["script", "style", "head", "title", "noscript", "svg", "math"])
"""Elements whose content is not the page's text at all."""
_HIDDEN_TAGS: Final = {"template": "a <template>", "textarea": "a <textarea>"}
_VOID: Final = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    ]
)
_CLOSES_P: Final = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "dialog",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
        "dd",
        "dt",
    ]
)
_CLOSES_SAME: Final = {
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
}
_INLINE_HIDES: Final = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)"
    r"|opacity\s*:\s*(?:0+(?:\.0*)?|\.0+)%?"
    r"|font-size\s*:\s*(?:0+(?:\.0*)?|\.0+)(?:px|pt|em|rem|%)?"
    r"|color\s*:\s*transparent)\s*(?:!\s*important\s*)?(?:;|$)",
    re.I,
)
"""Declarations that hide an element's text: no display, no visibility, no opacity, a
font size of 0, transparent ink."""
_ADDS_TEXT: Final = re.compile(r"(?:^|;)\s*content\s*:\s*[^;]*[\"']", re.I)
"""A declaration that writes text of its own (``::before { content: "not " }``), which
a reader sees and the page's text does not hold."""
_RULE: Final = re.compile(r"([^{}@;]+)\{([^{}]*)\}")
_COMMENT: Final = re.compile(r"/\*.*?\*/", re.S)
_COMPOUND: Final = re.compile(r"([a-zA-Z][\w-]*|\*)?((?:[.#][\w-]+)*)")
_PART: Final = re.compile(r"([.#])([\w-]+)")


@dataclass(frozen=True)
class _Compound:
    tag: str | None
    classes: frozenset[str]
    ident: str | None

    def matches(self, element: _Element) -> bool:
        return (
            (self.tag is None or self.tag == element.tag)
            and self.classes <= element.classes
            and (self.ident is None or self.ident == element.ident)
        )


@dataclass(frozen=True)
class _Selector:
    """Compounds from the subject leftwards, each with the combinator to its right
    (``" "`` descendant, ``">"`` child)."""

    text: str
    compounds: tuple[tuple[_Compound, str], ...]

    def matches(self, stack: list[_Element]) -> bool:
        """Whether the last element of ``stack`` is the subject (its ancestors before)."""
        return _match(self.compounds, stack, len(stack) - 1)


def _match(compounds: tuple[tuple[_Compound, str], ...], stack: list[_Element], at: int) -> bool:
    compound, _ = compounds[0]
    if at < 0 or not compound.matches(stack[at]):
        return False
    if len(compounds) == 1:
        return True
    combinator = compounds[0][1]
    if combinator == ">":
        return _match(compounds[1:], stack, at - 1)
    return any(_match(compounds[1:], stack, up) for up in range(at - 1, -1, -1))


def _selector(text: str) -> _Selector | None:
    """A selector argmap can apply (tags, classes, ids; descendant and child
    combinators), or None."""
    tokens = re.split(r"\s*(>)\s*|\s+", text.strip())
    parts = [t for t in tokens if t]
    compounds: list[tuple[_Compound, str]] = []
    combinator = " "
    for token in reversed(parts):
        if token == ">":
            if not compounds or combinator == ">":
                return None
            combinator = ">"
            continue
        found = _COMPOUND.fullmatch(token)
        if found is None or not token:
            return None
        tag = found.group(1)
        classes = frozenset(m.group(2) for m in _PART.finditer(found.group(2)) if m[1] == ".")
        idents = [m.group(2) for m in _PART.finditer(found.group(2)) if m[1] == "#"]
        if len(idents) > 1:
            return None
        if compounds:
            compounds[-1] = (compounds[-1][0], combinator)
        compounds.append(
            (
                _Compound(
                    None if tag in (None, "*") else tag.lower(), classes, next(iter(idents), None)
                ),
                " ",
            )
        )
        combinator = " "
    if not compounds or combinator == ">":
        return None
    return _Selector(text.strip(), tuple(compounds))


def hiding_rules(css: str) -> tuple[list[_Selector], list[str]]:
    """The selectors of rules in ``css`` that hide what they select (``display: none``,
    ``visibility: hidden``…): those argmap can apply, and the text of those it cannot
    (and of those that add text of their own, which argmap does not show)."""
    usable: list[_Selector] = []
    unusable: list[str] = []
    for rule in _RULE.finditer(_COMMENT.sub(" ", css)):
        declarations = rule.group(2).strip()
        if _ADDS_TEXT.search(declarations):
            unusable += [f"{' '.join(t.split())} (adds text)" for t in rule.group(1).split(",")]
        if not _INLINE_HIDES.search(declarations):
            continue
        for text in rule.group(1).split(","):
            if not text.strip():
                continue
            made = _selector(text)
            if made is None:
                unusable.append(" ".join(text.split()))
            else:
                usable.append(made)
    return usable, unusable


@dataclass
class _Element:
    tag: str
    classes: frozenset[str]
    ident: str | None
    hidden: str | None
    """Why its content cannot be seen (None: it can)."""
    dropped: bool


@dataclass
class HtmlText:
    """An HTML page's text: the blocks a reader sees, the blocks a reader cannot see
    (each with why), and the hiding rules argmap could not apply."""

    blocks: list[str] = field(default_factory=list)
    hidden: list[tuple[str, str]] = field(default_factory=list)
    unapplied: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self, rules: list[_Selector]) -> None:
        super().__init__(convert_charrefs=True)
        self.rules = rules
        self.stack: list[_Element] = []
        self.out = HtmlText()
        self.visible: list[str] = []
        self.invisible: list[str] = []
        self.why = ""

    # -- blocks ---------------------------------------------------------------------------

    def close_block(self) -> None:
        if self.visible:
            self.out.blocks.append("".join(self.visible))
            self.visible = []
        if self.invisible:
            self.out.hidden.append(("".join(self.invisible), self.why))
            self.invisible = []

    # -- elements -------------------------------------------------------------------------

    def _hidden_by(self, tag: str, attrs: dict[str, str | None], element: _Element) -> str | None:
        if tag in _HIDDEN_TAGS:
            return _HIDDEN_TAGS[tag]
        if "hidden" in attrs:
            return "an element with the 'hidden' attribute"
        if tag == "dialog" and "open" not in attrs:
            return "a closed <dialog>"
        style = attrs.get("style") or ""
        if _INLINE_HIDES.search(style.strip()):
            return f"an element styled '{' '.join(style.split())[:60]}'"
        for rule in self.rules:
            if rule.matches([*self.stack, element]):
                return f"an element the page's style rule '{rule.text}' hides"
        return None

    def _pop_to(self, tags: set[str], stop: frozenset[str] = frozenset()) -> None:
        for n in range(len(self.stack) - 1, -1, -1):
            tag = self.stack[n].tag
            if tag in tags:
                del self.stack[n:]
                return
            if tag in stop:
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CLOSES_P:
            self._pop_to({"p"}, frozenset({"button", "table"}))
        if tag in _CLOSES_SAME:
            self._pop_to(_CLOSES_SAME[tag], frozenset({"ul", "ol", "dl", "table", "select"}))
        if tag in BLOCKS:
            self.close_block()
        elif tag == "br":
            self._data(" ")
        if tag in _VOID:
            return
        named = dict(attrs)
        parent = self.stack[-1] if self.stack else None
        element = _Element(
            tag,
            frozenset((named.get("class") or "").split()),
            named.get("id"),
            parent.hidden if parent else None,
            bool(parent and parent.dropped) or tag in _DROPPED,
        )
        if element.hidden is None and not element.dropped:
            element.hidden = self._hidden_by(tag, named, element)
        self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if any(e.tag == tag for e in self.stack):
            self._pop_to({tag})
        if tag in BLOCKS:
            self.close_block()

    def handle_data(self, data: str) -> None:
        self._data(data)

    def _data(self, data: str) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and top.dropped:
            return
        why = top.hidden if top is not None else None
        if why is None:
            self.visible.append(data)
            return
        if self.invisible and why != self.why:
            self.out.hidden.append(("".join(self.invisible), self.why))
            self.invisible = []
        self.why = why
        self.invisible.append(data)


_STYLE: Final = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.I | re.S)


def read_html(html: str) -> HtmlText:
    """The blocks of text of an HTML document (paragraphs, list items, headings…), the
    blocks hidden from its reader, and the hiding rules argmap could not apply."""
    rules: list[_Selector] = []
    unapplied: list[str] = []
    for sheet in _STYLE.finditer(html):
        usable, unusable = hiding_rules(sheet.group(1))
        rules += usable
        unapplied += unusable
    reader = _Reader(rules)
    reader.feed(html)
    reader.close()
    reader.close_block()
    reader.out.unapplied = list(dict.fromkeys(unapplied))
    return reader.out
