"""What argmap must survive, whatever the bytes: one target per format it reads.

Each target reads the bytes as a file of its format would be read (``read_bytes``, the
same path as ``argmap check`` after the file is opened) and checks the contract:

- reading never raises, and every diagnostic is located and can be printed and written
  as JSON;
- a debate that loads without errors survives everything downstream: YAML and JSON out
  and back in to an equal debate (``loads`` is the public reader), DOT, the Markdown and
  HTML briefs (without a layout), the analysis and its report, and every exporter; AIF,
  Kialo and Argdown output reads back without a crash.

Anything else (an exception, a failed assertion) is a finding.
"""

from __future__ import annotations

from typing import Final

import argmap
from argmap.api import _report
from argmap.io.debate_file import read_bytes

TARGETS: Final = {
    # name: (file name, how the content must start to be read as this format: bytes that
    # are put in front of it otherwise)
    "yaml": ("fuzz.yaml", ()),
    "json": ("fuzz.json", ()),
    "kialo": ("fuzz.kialo.txt", (b"Discussion Title:",)),
    "argdown": ("fuzz.argdown", ()),
    "aif": ("fuzz.aif.json", ()),
    "microtext": ("fuzz.micro.xml", (b"<arggraph", b"<?xml", b"<!DOCTYPE")),
}
"""Every fuzz target."""


def run(target: str, data: bytes) -> None:
    """Feed ``data`` to one target; raise on any breach of the contract."""
    name, starts = TARGETS[target]
    if starts and not data.startswith(starts):
        data = starts[0] + data
    loaded = read_bytes(data, name)
    report = _report(loaded)
    for diagnostic in report.diagnostics:
        assert diagnostic.location.line is not None, diagnostic
        diagnostic.format().encode("utf-8")
    report.to_json().encode("utf-8")
    if loaded.debate is not None and not report.failed():
        downstream(loaded.debate)


def downstream(debate: argmap.Debate) -> None:
    """Everything argmap does with a debate that loaded, short of running ``dot``."""
    from argmap.analysis import analyse
    from argmap.exporters.brief import export_html
    from argmap.exporters.brief_markdown import export_markdown
    from argmap.exporters.dot import export_dot
    from argmap.exporters.report import format_report
    from argmap.io.debate_file import read_text
    from argmap.io.formats import EXPORTERS

    for fmt in ("yaml", "json"):
        text = argmap.dumps(debate, fmt)
        again = argmap.loads(text, fmt)
        assert again == debate, f"{fmt} round trip changed the debate"
    export_dot(debate).encode("utf-8")
    export_markdown(debate).encode("utf-8")
    export_html(debate).encode("utf-8")
    format_report(debate, analyse(debate)).encode("utf-8")
    for fmt, (suffix, exporter) in EXPORTERS.items():
        text = exporter(debate)
        text.encode("utf-8")
        if fmt in ("aif", "kialo", "argdown"):
            _report(read_text(text, "json" if fmt == "aif" else "yaml", f"out{suffix}"))
