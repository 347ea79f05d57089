"""Linear scans for Markdown links in untrusted text.

A regular expression such as ``\\[([^\\]]*)\\]\\(`` tried at every ``[`` of a text with
many ``[`` and no ``]`` reads to the end each time: quadratic, minutes for a few hundred
kilobytes. These scans look for each closing mark once.
"""

from __future__ import annotations


class Finder:
    """``str.find`` for one character from ever later offsets, each search done once."""

    __slots__ = ("at", "char", "text")

    def __init__(self, text: str, char: str) -> None:
        self.text, self.char, self.at = text, char, -2

    def next(self, offset: int) -> int:
        """The first position of the character at or after ``offset``; -1 if none."""
        if self.at == -1 or self.at >= offset:
            return self.at
        self.at = self.text.find(self.char, offset)
        return self.at


def link_end(text: str, i: int, close: Finder, paren: Finder, *, empty: bool = False) -> int:
    """Where the Markdown link ``[text](url)`` that starts at ``i`` ends, or -1 (with
    ``empty``, ``[](…)`` and ``[…]()`` count too)."""
    j = close.next(i + 1)
    if j < 0 or (j == i + 1 and not empty) or j + 1 >= len(text) or text[j + 1] != "(":
        return -1
    k = paren.next(j + 2)
    if k < 0 or (k == j + 2 and not empty):
        return -1
    return k + 1


def link_texts(text: str) -> str:
    """``text`` with each Markdown link ``[words](address)`` turned into its words."""
    if "[" not in text:
        return text
    close, paren = Finder(text, "]"), Finder(text, ")")
    out: list[str] = []
    done = position = 0
    while (i := text.find("[", position)) >= 0:
        end = link_end(text, i, close, paren, empty=True)
        if end < 0:
            position = i + 1
            continue
        out.append(text[done:i])
        out.append(text[i + 1 : close.next(i + 1)])
        done = position = end
    out.append(text[done:])
    return "".join(out)
