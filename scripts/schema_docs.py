"""Write argmap/schema_docs.py: each field's description from docs/format.md and an
example from the example debates, for the JSON Schema that editors show.

    .venv/bin/python scripts/schema_docs.py

The package cannot read docs/ at run time (a user's install has none), so the text is
copied into a module; tests/test_schema_and_fmt.py checks that the copy is in step and
that no property lacks a description or an example.
"""

from __future__ import annotations

import pprint
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import argmap

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = {
    "## The debate": "Debate",
    "## Sources": "Source",
    "## Actors": "Actor",
    "## Positions": "Position",
    "## Arguments": "Argument",
    "### Evidence": "Evidence",
    "### Key judgements": "KeyJudgement",
}
VALUES = {
    "### Source kinds": "SourceKind",
    "### Reliability": "Reliability",
    "### Credibility": "Credibility",
    "### Actor kinds": "ActorKind",
    "### Levels": "Level",
    "### Stances": "Stance",
    "### Confidence": "Confidence",
    "### Standards": "Standard",
}
LISTS = {"sources": "Source", "actors": "Actor", "positions": "Position", "arguments": "Argument"}
FROM_THE_DOCS: dict[tuple[str, str], Any] = {
    # fields no example debate uses: the examples docs/format.md gives for them
    ("Position", "scheme"): "Modus ponens",
    ("Argument", "scheme"): "Modus ponens",
    ("Position", "tags"): ["status-quo"],
}
_ROW = re.compile(r"^\| `([a-z_]+)` \|[^|]*\| (.*) \|$")
_VALUE = re.compile(r"^\| `([A-Za-z0-9-]+)` \| (.*) \|$")


def _tables(text: str, headings: dict[str, str], row: re.Pattern[str]) -> dict[str, dict[str, str]]:
    """Name → first column → last column, of the tables under the given headings."""
    found: dict[str, dict[str, str]] = {}
    name = None
    for line in text.splitlines():
        if line.startswith("#"):
            name = headings.get(line.strip())
            continue
        match = row.match(line)
        if match and name:
            found.setdefault(name, {})[match.group(1)] = match.group(2).strip()
    return found


def descriptions(text: str) -> dict[str, dict[str, str]]:
    """Model → field → the meaning column of docs/format.md's table for it."""
    return _tables(text, SECTIONS, _ROW)


def meanings(text: str) -> dict[str, dict[str, str]]:
    """Enum → value → its meaning, from the tables under docs/format.md's "Values"."""
    return _tables(text, VALUES, _VALUE)


def examples(paths: list[Path]) -> dict[str, dict[str, Any]]:
    """Model → field → the first value an example debate gives it."""
    found: dict[str, dict[str, Any]] = {}

    def take(model: str, item: Any) -> None:
        if not isinstance(item, dict):
            return
        for field, value in item.items():
            if value in (None, [], {}):
                continue
            if field in LISTS:  # a list of elements: its first, cut short
                value = value[:1]
            found.setdefault(model, {}).setdefault(field, _short(value))
            if field == "evidence" and isinstance(value, list):
                for e in value:
                    take("Evidence", e)
            if field == "key_judgements" and isinstance(value, list):
                for k in value:
                    take("KeyJudgement", k)

    for path in paths:
        raw = argmap.load(path).model_dump(mode="json", exclude_defaults=True)
        take("Debate", raw)
        for name, model in LISTS.items():
            for item in raw.get(name) or ():
                take(model, item)
    for (model, field), value in FROM_THE_DOCS.items():
        found.setdefault(model, {}).setdefault(field, value)
    return found


def _short(value: Any) -> Any:
    """An example short enough to read in a hover: long lists and mappings cut."""
    if isinstance(value, str) and len(value) > 160:
        return value[:157].rstrip() + "…"
    if isinstance(value, list):
        return [_short(v) for v in value[:2]]
    if isinstance(value, dict):
        return {k: _short(v) for k, v in list(value.items())[:2]}
    return value.isoformat() if hasattr(value, "isoformat") else value


def data() -> dict[str, dict[str, list[Any]]]:
    """Model → field → [description, example]."""
    docs = descriptions((ROOT / "docs" / "format.md").read_text(encoding="utf-8"))
    found = examples(sorted((ROOT / "debates").glob("*.yaml")))
    return {
        model: {
            field: [docs[model][field], found.get(model, {}).get(field)] for field in docs[model]
        }
        for model in docs
    }


def module_text() -> str:
    body = pprint.pformat(data(), width=88, sort_dicts=True)
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    values = pprint.pformat(meanings(page), width=88, sort_dicts=True)
    return (
        '"""Each field\'s description and each value\'s meaning (from docs/format.md) and an\n'
        "example (from the example debates), for the JSON Schema. Generated by\n"
        'scripts/schema_docs.py: do not edit."""\n'
        "\n"
        "# ruff: noqa: RUF001 - quotations from the debates keep their typography\n"
        "from typing import Any, Final\n"
        "\n"
        f"FIELDS: Final[dict[str, dict[str, list[Any]]]] = {body}\n"
        "\n"
        f"VALUES: Final[dict[str, dict[str, str]]] = {values}\n"
    )


if __name__ == "__main__":
    target = ROOT / "argmap" / "schema_docs.py"
    target.write_text(module_text(), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "-q", str(target)], check=True)
    sys.stdout.write(f"wrote {target.relative_to(ROOT)}\n")
