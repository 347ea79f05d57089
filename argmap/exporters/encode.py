"""The one way user text enters DOT: as escaped HTML-like label text or a quoted string.

Everything a debate file says is untrusted. It reaches a DOT file only through these
functions, and only inside ``label`` and ``tooltip`` values; node names, URLs, ids and
every other attribute are made by argmap itself.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

from argmap.textscan import link_texts

_MARKDOWN_MARKS: Final = re.compile(r"(\*\*|__|`)")


_NONCHARACTERS: Final = "".join(f"\\U{plane:04X}FFFE\\U{plane:04X}FFFF" for plane in range(17))
_UNFIT: Final = re.compile(
    f"[\\x00-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufdd0-\\ufdef{_NONCHARACTERS}]"
)


def _replacement(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the control picture: NUL becomes ␀, ESC ␛
    return "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    """``text`` with characters no diagram may carry made visible or replaced.

    C0 controls become their Unicode "control pictures" (␀, ␛ …), so a NUL or an escape
    shows up instead of breaking the SVG (XML allows none of them); C1 controls,
    surrogates and non-characters become U+FFFD. Line breaks are the caller's business.
    """
    if text.isprintable():  # no control, surrogate or unassigned character: nothing to do
        return text
    return _UNFIT.sub(_replacement, text)


def plain(markdown: str) -> str:
    """Markdown reduced to the words: links become their text, emphasis marks go."""
    if not any(mark in markdown for mark in "[*_`"):
        return markdown
    return _MARKDOWN_MARKS.sub("", link_texts(markdown))


def html(text: str) -> str:
    """Text for an HTML-like label: entities for markup characters, visible controls."""
    # chained replaces beat str.translate several times over on short, mostly clean text
    return (
        visible(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
        .replace("]", "&#93;")  # Graphviz 2.43 rejects a table cell that is just "]"
    )


MAX_QUOTED: Final = 240
"""Graphviz's scanner refuses very long strings; tooltips are cut to this many characters."""


def quoted(text: str) -> str:
    """A DOT double-quoted string (for ``tooltip``): backslashes and quotes escaped, so
    Graphviz's ``\\N``-style escapes never fire; line breaks become ``\\n``; at most
    :data:`MAX_QUOTED` characters, a cut marked with an ellipsis."""
    if len(text) > MAX_QUOTED:
        text = text[: MAX_QUOTED - 1] + "…"
    lines = re.split(r"\r\n|\r|\n", text) if "\r" in text or "\n" in text else [text]
    body = "\\n".join(visible(line).replace("\\", "\\\\").replace('"', '\\"') for line in lines)
    return f'"{body}"'


@functools.cache
def _line_pattern(width: int) -> re.Pattern[str]:
    # a line: as many characters as fit, ending where a word ends; else a word cut at width
    return re.compile(rf"\S.{{0,{width - 1}}}(?= |$)|\S{{{width}}}")


def wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Lines of at most ``width`` characters (long words broken), at most ``max_lines``;
    a cut is marked with an ellipsis (the full text stays in the SVG's description).

    Never an empty line: Graphviz refuses an empty ``<B></B>`` in a label, so text that
    is only Markdown marks is shown as written."""
    width = max(width, 8)
    words = plain(text)
    if not words.isascii():
        words = unicodedata.normalize("NFC", words)
    flat = " ".join(words.split())
    if not flat:  # only Markdown marks, such as "`" or "**": show them, never nothing
        flat = " ".join(text.split()) or "…"
    if len(flat) <= width:
        return [flat]
    lines = _line_pattern(width).findall(flat, 0, (max_lines + 1) * (width + 1))
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to about ``limit`` characters at the end of a word, the cut marked
    with an ellipsis (for the short names that reports and briefs list): never in the
    middle of a word, unless a single word is longer than twice ``limit``."""
    if len(text) <= limit:
        return text
    space = text.rfind(" ", 0, limit)
    if space < limit // 3:  # one long word: keep it whole if it is not too long
        space = text.find(" ", limit)
        if space == -1 or space > 2 * limit:
            return text[: limit - 1] + "…"
    return text[:space].rstrip(" ,;:.-–—") + "…"


_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold: controls but tab and line ends, lone surrogates, and
U+FFFE and U+FFFF."""


def xml_safe(text: str) -> str:
    """Text XML can hold (a Word document, a JUnit report): every character XML 1.0
    cannot hold becomes U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)
