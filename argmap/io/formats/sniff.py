"""Telling another tool's file by its first characters, without importing its reader.

Every debate file passes through here, so this module imports nothing heavy and reads
no further into the text than the first line that says something.
"""

from __future__ import annotations

import re
from typing import Final

_ARGDOWN_ELEMENT: Final = re.compile(r"[\[<][^\]>\n]+[\]>]:")
_LINE: Final = re.compile(r"[^\n]+")


def is_kialo(text: str) -> bool:
    """A Kialo export starts with ``Discussion Title:``."""
    return text.lstrip("\ufeff").startswith("Discussion Title:")


def is_microtext(text: str) -> bool:
    """An Argumentative Microtexts file is XML whose root is ``arggraph``. A file that
    starts with an XML declaration or doctype is read as one too, so that another XML
    file is told it is not an arggraph instead of failing as YAML."""
    head = text.lstrip("\ufeff \t\r\n")[:64]
    return head.startswith(("<?xml", "<!DOCTYPE", "<arggraph"))


def is_argdown(text: str, name: str) -> bool:
    """Argdown is told by its suffix, or by a first element line in its syntax (past
    blank lines, headings, comments and front matter)."""
    if name.lower().endswith((".argdown", ".ad")):
        return True
    for found in _LINE.finditer(text):  # line by line, no list of them all
        stripped = found.group().strip()
        if stripped and not stripped.startswith(("#", "//", "===")):
            return _ARGDOWN_ELEMENT.match(stripped) is not None
    return False
