"""Other tools' formats: what argmap reads and writes, one module per family.

A new format is one module and one line in each table below.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from argmap.model import Debate

Exporter = Callable[["Debate"], str]


def _exporter(module: str, name: str) -> Exporter:
    """An exporter imported when it is first called: reading a debate (which looks here
    for the readers) never loads the writers."""

    def export(debate: Debate) -> str:
        function: Exporter = getattr(importlib.import_module(module), name)
        return function(debate)

    export.__name__ = name
    return export


EXPORTERS: Final[dict[str, tuple[str, Exporter]]] = {
    # name: (file suffix, exporter)
    "aif": (".aif.json", _exporter("argmap.io.formats.aif", "dump_aif")),
    "argdown": (".argdown", _exporter("argmap.io.formats.argdown", "dump_argdown")),
    "kialo": (".kialo.txt", _exporter("argmap.io.formats.kialo", "dump_kialo")),
    "mermaid": (".mmd", _exporter("argmap.io.formats.graphs", "dump_mermaid")),
    "graphml": (".graphml", _exporter("argmap.io.formats.graphs", "dump_graphml")),
    "tgf": (".tgf", _exporter("argmap.io.formats.graphs", "dump_tgf")),
    "apx": (".apx", _exporter("argmap.io.formats.graphs", "dump_apx")),
}


def format_for_output(name: str) -> str | None:
    """The export format a file name asks for (``.aif.json`` before ``.json``)."""
    lowered = name.lower()
    if lowered.endswith(".mermaid"):  # the long name Mermaid's own tools also accept
        return "mermaid"
    for fmt, (suffix, _) in EXPORTERS.items():
        if lowered.endswith(suffix):
            return fmt
    for suffix, fmt in ((".yaml", "yaml"), (".yml", "yaml"), (".json", "json")):
        if lowered.endswith(suffix):
            return fmt
    return None
