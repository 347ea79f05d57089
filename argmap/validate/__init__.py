"""The rules a well-formed debate obeys beyond its schema, reported all at once.

Structural errors (duplicate ids, dangling or misdirected references, circular support,
undercuts with nothing to undercut…) are in :mod:`.structure`; warnings that help students
write a fair map (one-sided positions, arguments without evidence, unused actors…) are in
:mod:`.advice`. Each rule looks at the elements that are valid on their own, so one broken
argument does not hide the problems of the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from argmap.diagnostics import Diagnostic
from argmap.io.source_map import DataPath, SourceMap
from argmap.validate import advice, structure
from argmap.validate.context import Context, Indexed

RULES = (
    structure.ids,  # first: the others resolve ids through what it records
    structure.references,
    structure.argument_shape,
    structure.support_cycles,
    structure.outline_depth,
    structure.part_of_cycles,
    structure.co_premises,
    structure.assessments,
    structure.recommends,
    advice.positions_argued,
    advice.evidence,
    advice.unused,
    advice.source_dates,
    advice.stance_conflicts,
    advice.duplicate_texts,
    advice.dropped,
    advice.brief_fields,
)


def check_elements(
    elements: Mapping[str, Indexed[Any]],
    source_map: SourceMap | None,
    *,
    broken_ids: Iterable[tuple[str, DataPath]] = (),
    file: str = "<debate>",
    criteria: Iterable[str] = (),
    date: dt.date | None = None,
    header: Mapping[str, Any] | None = None,
    unchecked: Iterable[str] = (),
) -> list[Diagnostic]:
    """Every structural error and authoring warning for these elements.

    ``elements`` maps each list name (``"arguments"``…) to (index, element) pairs;
    ``broken_ids`` names elements the schema rejected, so references to them are not
    reported as unknown; ``criteria`` are the debate's, which assessments must name;
    ``date`` is the debate's, which no source may postdate; ``header`` its other fields
    as written (``recommends`` must name a position; a brief's fields get notes);
    ``unchecked`` ids defined under a misspelt list name, whose references are not
    reported one by one (the unknown list's error counts them).
    """
    ctx = Context(elements, source_map, broken_ids, file, criteria, date, header or {})
    ctx.broken_ids.update(unchecked)  # defined under a misspelt list: said once, there
    for rule in RULES:
        rule(ctx)
    return ctx.found


__all__ = ["Indexed", "check_elements"]
