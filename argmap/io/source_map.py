"""Where each key and value of a parsed document stands in its file.

Parsers record the ``line:column`` of every key and value under its *path*, the tuple of
keys and indexes that leads to it from the top (``("arguments", 3, "supports", 0)``).
Diagnostics then name a path and get a location, falling back to the nearest enclosing
value when a path has no position of its own (a list written as a single item, say).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Final, TypeAlias

from argmap.diagnostics import Diagnostic, Location

DataPath: TypeAlias = tuple[str | int, ...]
Positions: TypeAlias = dict[DataPath, tuple[int, int]]

MAX_FILE_BYTES: Final = 32 * 1024 * 1024
"""The largest debate file argmap reads (32 MiB: about 100,000 arguments)."""
MAX_DEPTH: Final = 64
"""The deepest nesting of mappings and lists a debate file may have."""


class SourceMap:
    """Positions of the keys and values of one file, looked up by data path."""

    def __init__(self, file: str, values: Positions | None = None, keys: Positions | None = None):
        self.file = file
        self.values: Positions = {} if values is None else values
        self.keys: Positions = {} if keys is None else keys

    def value_position(self, path: DataPath) -> tuple[int, int] | None:
        """Line and column where the value at ``path`` starts, if known."""
        return self.values.get(path)

    def key_position(self, path: DataPath) -> tuple[int, int] | None:
        """Line and column of the key that names ``path``, if it has one."""
        return self.keys.get(path)

    def value(self, path: DataPath) -> Location:
        """Where the value at ``path`` starts, or the nearest enclosing value's start."""
        for end in range(len(path), -1, -1):
            pos = self.value_position(path[:end])
            if pos is not None:
                return Location(self.file, *pos)
        return Location(self.file, 1, 1)

    def key(self, path: DataPath) -> Location:
        """Where the key that names ``path`` starts; its value's place if it has no key."""
        pos = self.key_position(path)
        return Location(self.file, *pos) if pos is not None else self.value(path)


def format_path(path: DataPath) -> str:
    """``("arguments", 3, "supports")`` as ``arguments[3].supports``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass
class Parsed:
    """What a parser made of a file: the data (None if unusable), positions, problems."""

    data: object
    source_map: SourceMap
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unsaid: list[DataPath] = field(default_factory=list)
    """Places whose value was left out after a reported problem (a YAML alias): what the
    model would say about them, or anything inside them, is a consequence, not news."""


class LineIndex:
    """Line and column (from 1) of character offsets in one text, by binary search."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def position(self, offset: int) -> tuple[int, int]:
        """The line and column of ``offset``."""
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def location_of_offset(text: str, offset: int, file: str) -> Location:
    """The line and column (from 1) of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return Location(file, line, offset - start + 1)
