"""Text as quotations are compared with their sources: typography folded, nothing else.

A quote is verified only if the source says it word for word, so normalising may fold
only what a reader does not read as a different word: quotation marks (curly, straight,
guillemets), dashes and the spaces around them, the ellipsis character, ligatures (ﬁ),
no-break and other special spaces, soft hyphens and zero-width characters, canonically
equivalent forms (NFC) and runs of white space. Digits, superscripts, subscripts,
fractions, letters and punctuation are kept as they are: "10⁶" is not "106", "1½" is
not "11/2", "?" is not ".".

A hyphen inside a word ("non-lethal", "long-term") joins it: it is marked in
:func:`marked` so that a quote cannot start or end in the middle of such a word, while
it still compares equal to any dash.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

JOIN: Final = "\u2011"
"""How :func:`marked` writes a hyphen inside a word (a non-breaking hyphen); :func:`flat`
writes it as ``-``."""

_HYPHENS: Final = "-\u2010\u2011"
"""Characters that join the parts of a word when nothing separates them from it."""
_DASHES: Final = "\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
"""Dashes and the minus sign: typographic variants of ``-`` that never join a word."""
_LIGATURES: Final = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u0132": "IJ",
    "\u0133": "ij",
    "\u0152": "OE",
    "\u0153": "oe",
}
"""Ligatures a PDF or a typesetter writes for letters (ﬁ for fi). Æ and æ are letters of
their own and are kept."""
_SPACES: Final = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\u2028\u2029"
)
_INVISIBLE: Final = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
"""Soft hyphens and zero-width characters: not characters of the text a reader reads."""

_TABLE: Final = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u2039": '"',
        "\u203a": '"',
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2026": "...",
        **dict.fromkeys(_HYPHENS, JOIN),
        **dict.fromkeys(_DASHES, "-"),
        **_LIGATURES,
        **dict.fromkeys(_SPACES, " "),
        **dict.fromkeys(_INVISIBLE),
    }
)

_DASH: Final = re.compile(rf" ?[-{JOIN}](?: ?[-{JOIN}])+ ?| ?- ?| {JOIN} ?|{JOIN} ")
"""A dash with the spaces around it (written ``-``, ``--``, ``—``, `` – ``, ``- -``): one ``-``,
without spaces, since "fast—very fast" is quoted as "fast - very fast" as often. A hyphen
with a space beside it is a dash too; one between two characters is left to join."""


def marked(text: str) -> str:
    """``text`` normalised (see the module), hyphens that join a word written as
    :data:`JOIN`."""
    folded = unicodedata.normalize("NFC", text).translate(_TABLE)
    return _DASH.sub("-", " ".join(folded.split()))


def flat(text: str) -> str:
    """A :func:`marked` text with its joining hyphens written as ``-``, as quotes are
    compared."""
    return text.replace(JOIN, "-")


def normalise(text: str) -> str:
    """``text`` as quotes are compared: typography folded (see the module), case, words,
    digits and punctuation kept."""
    return flat(marked(text))


def letters(text: str) -> str:
    """``text`` for showing: ligatures as their letters and each run of white space as
    one space, every other character as it is."""
    return _WHITE.sub(" ", text.translate(_LIGATURES_ONLY))


_WHITE: Final = re.compile(r"\s+")


_LIGATURES_ONLY: Final = str.maketrans(_LIGATURES)


def origins(raw: str) -> list[int] | None:
    """For each character of ``normalise(raw)``, the index in ``raw`` of the character
    it comes from; None in the rare text where normalising character by character
    differs from normalising the whole (combining sequences)."""
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(raw):
        for f in unicodedata.normalize("NFC", c).translate(_TABLE):
            chars.append(f)
            where.append(i)
    # white space as single spaces, none at either end
    text: list[str] = []
    index: list[int] = []
    for match in re.finditer(r"\S+", "".join(chars)):
        if text:
            text.append(" ")
            index.append(where[match.start() - 1])
        text.append(match.group())
        index.extend(where[match.start() : match.end()])
    joined = "".join(text)
    out: list[str] = []
    kept: list[int] = []
    last = 0
    for match in _DASH.finditer(joined):
        out.append(joined[last : match.start()])
        kept.extend(index[last : match.start()])
        dash = match.start() + (1 if joined[match.start()] == " " else 0)
        out.append("-")
        kept.append(index[dash])
        last = match.end()
    out.append(joined[last:])
    kept.extend(index[last:])
    if flat("".join(out)) != normalise(raw):
        return None
    return kept
