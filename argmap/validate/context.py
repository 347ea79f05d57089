"""What the rules share: the elements under check, where they are, and the findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from argmap.diagnostics import Diagnostic, Location, Suggester
from argmap.io.source_map import DataPath, SourceMap, format_path
from argmap.model import Actor, Argument, Position, Source

T = TypeVar("T")
SUGGESTION_BUDGET = 100_000
"""How many similarity comparisons all "did you mean" hints of one file may make (about
0.1 s); hints past it are left out, so thousands of unknown ids stay a fast check."""
Indexed = list[tuple[int, T]]
"""Elements with their index in the file's list, so diagnostics point at the right one."""


class Context:
    """The elements under check, where they are, and a place to put diagnostics."""

    def __init__(
        self,
        elements: Mapping[str, Indexed[Any]],
        source_map: SourceMap | None,
        broken_ids: Iterable[tuple[str, DataPath]],
        file: str,
        criteria: Iterable[str] = (),
        date: dt.date | None = None,
        header: Mapping[str, Any] | None = None,
    ) -> None:
        self.sources: Indexed[Source] = list(elements.get("sources", []))
        self.actors: Indexed[Actor] = list(elements.get("actors", []))
        self.positions: Indexed[Position] = list(elements.get("positions", []))
        self.arguments: Indexed[Argument] = list(elements.get("arguments", []))
        self.criteria = list(criteria)
        self.date = date
        self.header: Mapping[str, Any] = header or {}
        self.source_map = source_map
        self.file = file
        self.broken = list(broken_ids)
        self.broken_ids = {ident for ident, _ in self.broken}
        self.found: list[Diagnostic] = []
        # id -> (list name, index) of its first definition
        self.defined: dict[str, tuple[str, int]] = {}
        self.by_id: dict[str, Any] = {}
        # id -> every kind of element defined with it (more than one for a duplicate id)
        self.kinds: dict[str, set[str]] = {}
        self._suggesters: dict[tuple[str, ...], Suggester] = {}
        self._budget = [SUGGESTION_BUDGET]

    def at(self, path: DataPath, *, key: bool = False) -> Location:
        if self.source_map is None:
            return Location(self.file)
        return self.source_map.key(path) if key else self.source_map.value(path)

    def report(
        self, code: str, path: DataPath, message: str, hint: str | None = None, *, key: bool = False
    ) -> None:
        self.found.append(
            Diagnostic(code, message, self.at(path, key=key), hint, format_path(path))
        )

    def where(self, path: DataPath) -> str:
        loc = self.at(path)
        return f"line {loc.line}:{loc.column}" if loc.line is not None else format_path(path)

    def kind_of(self, ident: str) -> str | None:
        entry = self.defined.get(ident)
        return entry[0] if entry else None

    def ids_of(self, *lists: str) -> list[str]:
        return [i for i, (name, _) in self.defined.items() if name in lists]

    def suggest(self, word: str, *lists: str) -> str | None:
        """The id of these kinds most like ``word`` (see :class:`Suggester`); one
        suggester per kinds, all drawing on one budget for the file."""
        suggester = self._suggesters.get(lists)
        if suggester is None:
            suggester = self._suggesters[lists] = Suggester(self.ids_of(*lists), self._budget)
        return suggester(word)

    def titled(self, words: str, *lists: str) -> str | None:
        """The id of the element of these kinds whose title (or name, for an actor) is
        ``words``, ignoring case and spacing: a reference written as a title."""
        if not hasattr(self, "_titles"):
            titles: dict[str, str] = {}
            for name, _, element in self.elements():
                title = getattr(element, "title", None) or getattr(element, "name", None)
                if isinstance(title, str):
                    titles.setdefault(_folded(title), f"{name}\0{element.id}")
            self._titles = titles
        found = self._titles.get(_folded(words))
        if found is None:
            return None
        kind, ident = found.split("\0", 1)
        return ident if kind in lists else None

    def elements(self) -> Iterator[tuple[str, int, Any]]:
        """Every element as (list name, index, element), in file order."""
        for name, items in (
            ("sources", self.sources),
            ("actors", self.actors),
            ("positions", self.positions),
            ("arguments", self.arguments),
        ):
            for index, element in items:
                yield name, index, element


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())
