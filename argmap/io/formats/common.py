"""What the importers share: turning what they found into the plain data of a debate."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def element(
    ident: str,
    text: str,
    links: Mapping[str, Iterable[str]],
    *,
    linked: Iterable[str] = (),
    by: Iterable[str] = (),
    tags: Iterable[str] = (),
) -> dict[str, Any]:
    """A position (when it relates to nothing) or an argument, as debate-file data:
    repeated targets, actors and tags once each, in the order found; co-premises sorted."""
    data: dict[str, Any] = {"id": ident, "text": text}
    for field in ("supports", "attacks", "undercuts"):
        targets = list(dict.fromkeys(links.get(field, ())))
        if targets:
            data[field] = targets
    for field, values in (
        ("linked_with", sorted(set(linked))),
        ("by", list(dict.fromkeys(by))),
        ("tags", list(dict.fromkeys(tags))),
    ):
        if values:
            data[field] = values
    return data


def is_argument(links: Mapping[str, Iterable[str]]) -> bool:
    """Whether an element supports, attacks or undercuts anything."""
    return any(list(links.get(f, ())) for f in ("supports", "attacks", "undercuts"))
