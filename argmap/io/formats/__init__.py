"""Other tools' formats: what argmap reads and writes, one module per family.

A new format is one module and one line in each table below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from argmap.io.formats.aif import dump_aif
from argmap.io.formats.argdown import dump_argdown
from argmap.io.formats.graphs import dump_apx, dump_graphml, dump_mermaid, dump_tgf
from argmap.io.formats.kialo import dump_kialo
from argmap.model import Debate

Exporter = Callable[[Debate], str]

EXPORTERS: Final[dict[str, tuple[str, Exporter]]] = {
    # name: (file suffix, exporter)
    "aif": (".aif.json", dump_aif),
    "argdown": (".argdown", dump_argdown),
    "kialo": (".kialo.txt", dump_kialo),
    "mermaid": (".mmd", dump_mermaid),
    "graphml": (".graphml", dump_graphml),
    "tgf": (".tgf", dump_tgf),
    "apx": (".apx", dump_apx),
}


def format_for_output(name: str) -> str | None:
    """The export format a file name asks for (``.aif.json`` before ``.json``)."""
    lowered = name.lower()
    for fmt, (suffix, _) in EXPORTERS.items():
        if lowered.endswith(suffix):
            return fmt
    for suffix, fmt in ((".yaml", "yaml"), (".yml", "yaml"), (".json", "json")):
        if lowered.endswith(suffix):
            return fmt
    return None
