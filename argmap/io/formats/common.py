"""What the importers share: turning what they found into the plain data of a debate."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from argmap.diagnostics import Diagnostic
from argmap.io.source_map import Positions


@dataclass
class Imported:
    """What an importer made of another tool's file."""

    raw: dict[str, Any]
    """The debate as plain data, for the model to validate."""
    problems: list[Diagnostic] = dataclasses.field(default_factory=list)
    """What was skipped or is wrong, each at its place in the file."""
    positions: Positions = dataclasses.field(default_factory=dict)
    """Where each element came from, by data path (``("arguments", 3)``): the model's
    complaints about an element are located there."""

    @classmethod
    def of(
        cls,
        raw: dict[str, Any],
        problems: list[Diagnostic],
        where: Mapping[str, tuple[int, int]],
    ) -> Imported:
        """An import whose elements are placed by id: ``where`` maps an element's id to
        the line and column it came from."""
        positions: Positions = {}
        for kind in ("actors", "positions", "arguments"):
            items = raw.get(kind)
            for index, item in enumerate(items if isinstance(items, list) else []):
                ident = item.get("id") if isinstance(item, dict) else None
                place = where.get(ident) if isinstance(ident, str) else None
                if place is not None:
                    positions[(kind, index)] = place
        return cls(raw, problems, positions)


def element(
    ident: str,
    text: str,
    links: Mapping[str, Iterable[str]],
    *,
    linked: Iterable[str] | Mapping[str, Iterable[str]] = (),
    by: Iterable[str] = (),
    tags: Iterable[str] = (),
) -> dict[str, Any]:
    """A position (when it relates to nothing) or an argument, as debate-file data:
    repeated targets, actors and tags once each, in the order found; co-premises sorted.
    ``linked`` maps a target to the co-premises it is held with when they differ from
    one target to another (a premise in several inferences); see :func:`linked_field`."""
    data: dict[str, Any] = {"id": ident, "text": text}
    for field in ("supports", "attacks", "undercuts"):
        targets = list(dict.fromkeys(links.get(field, ())))
        if targets:
            data[field] = targets
    targets = [t for f in ("supports", "attacks", "undercuts") for t in data.get(f, [])]
    co_premises = (
        linked_field(linked, targets) if isinstance(linked, Mapping) else sorted(set(linked))
    )
    for field, values in (
        ("linked_with", co_premises),
        ("by", list(dict.fromkeys(by))),
        ("tags", list(dict.fromkeys(tags))),
    ):
        if values:
            data[field] = values
    return data


def linked_field(
    per_target: Mapping[str, Iterable[str]], targets: list[str]
) -> list[str] | dict[str, list[str]]:
    """``linked_with`` from the co-premises of each target: a list when they are the same
    for every target (the common case), else a mapping from each target to its own."""
    sets = {t: sorted(set(per_target.get(t, ()))) for t in dict.fromkeys(targets)}
    distinct = {tuple(v) for v in sets.values()}
    if len(distinct) <= 1:
        return list(next(iter(distinct), ()))
    return {t: v for t, v in sets.items() if v}


def is_argument(links: Mapping[str, Iterable[str]]) -> bool:
    """Whether an element supports, attacks or undercuts anything."""
    return any(list(links.get(f, ())) for f in ("supports", "attacks", "undercuts"))
