"""The one way user text enters DOT: as escaped HTML-like label text or a quoted string.

Everything a debate file says is untrusted. It reaches a DOT file only through these
functions, and only inside ``label`` and ``tooltip`` values; node names, URLs, ids and
every other attribute are made by argmap itself.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from typing import Final

_ENTITIES: Final = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_MARKDOWN_LINK: Final = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS: Final = re.compile(r"(\*\*|__|`)")


def visible(text: str) -> str:
    """``text`` with characters no diagram may carry made visible or replaced.

    C0 controls become their Unicode "control pictures" (␀, ␛ …), so a NUL or an escape
    shows up instead of breaking the SVG (XML allows none of them); C1 controls,
    surrogates and non-characters become U+FFFD. Line breaks are the caller's business.
    """
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        elif (
            0x80 <= code < 0xA0
            or 0xD800 <= code < 0xE000
            or 0xFDD0 <= code <= 0xFDEF
            or (code & 0xFFFE) == 0xFFFE
        ):
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def plain(markdown: str) -> str:
    """Markdown reduced to the words: links become their text, emphasis marks go."""
    return _MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", markdown))


def html(text: str) -> str:
    """Text for an HTML-like label: entities for markup characters, visible controls."""
    return "".join(_ENTITIES.get(ch, ch) for ch in visible(text))


MAX_QUOTED: Final = 240
"""Graphviz's scanner refuses very long strings; tooltips are cut to this many characters."""


def quoted(text: str) -> str:
    """A DOT double-quoted string (for ``tooltip``): backslashes and quotes escaped, so
    Graphviz's ``\\N``-style escapes never fire; line breaks become ``\\n``; at most
    :data:`MAX_QUOTED` characters, a cut marked with an ellipsis."""
    if len(text) > MAX_QUOTED:
        text = text[: MAX_QUOTED - 1] + "…"
    lines = re.split(r"\r\n|\r|\n", text)
    body = "\\n".join(visible(line).replace("\\", "\\\\").replace('"', '\\"') for line in lines)
    return f'"{body}"'


def wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Lines of at most ``width`` characters (long words broken), at most ``max_lines``;
    a cut is marked with an ellipsis (the full text stays in the tooltip)."""
    words = " ".join(unicodedata.normalize("NFC", plain(text)).split())
    lines = textwrap.wrap(words, width=max(width, 8), break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(width - 1, 1)].rstrip() + "…"
    return lines
