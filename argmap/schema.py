"""The JSON Schema of the debate format, for editors (completion, inline errors)."""

from __future__ import annotations

import json
from typing import Any, Final

from argmap import __version__
from argmap.model import Debate
from argmap.schema_docs import FIELDS, VALUES

SCHEMA_ID = "https://argmap.invalid/schema/debate-1.json"
"""A stable identifier; argmap never fetches it."""


def json_schema() -> dict[str, Any]:
    """The schema of a debate file (format version 1), as a plain mapping: every
    property with its description from docs/format.md (plain, and as Markdown for
    editors that show it) and an example from the example debates."""
    schema = Debate.model_json_schema(mode="validation")
    _describe(schema, "Debate")
    for name, definition in schema.get("$defs", {}).items():
        if name in FIELDS:
            _describe(definition, name)
        if name in VALUES:
            _describe_values(definition, VALUES[name])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "argmap debate (format 1)",
        "description": f"A policy debate for argmap {__version__}: see docs/format.md.",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def _describe(definition: dict[str, Any], model: str) -> None:
    for field, prop in definition.get("properties", {}).items():
        meaning, example = FIELDS[model][field]
        prop["description"] = meaning.replace("`", "")
        prop["markdownDescription"] = meaning
        prop["examples"] = [example]


def _describe_values(definition: dict[str, Any], meanings: dict[str, str]) -> None:
    """Each value's meaning, in the order of ``enum``: as ``enumDescriptions`` and
    ``markdownEnumDescriptions`` (which editors show beside each value as it is
    completed) and listed in the description for the others."""
    values = definition["enum"]
    markdown = [meanings[str(value)] for value in values]
    plain = [text.replace("`", "") for text in markdown]
    definition["enumDescriptions"] = plain
    definition["markdownEnumDescriptions"] = markdown
    listed = "\n".join(f"- {value}: {text}" for value, text in zip(values, plain, strict=True))
    definition["description"] = f"{definition['description']}\n{listed}"


def schema_text() -> str:
    """The schema as stable, indented JSON text."""
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


_STOP_WORDS: Final = frozenset(
    [
        "should",
        "shall",
        "must",
        "would",
        "could",
        "can",
        "will",
        "do",
        "does",
        "did",
        "is",
        "are",
        "was",
        "were",
        "be",
        "we",
        "our",
        "us",
        "the",
        "a",
        "an",
        "to",
        "of",
        "in",
        "on",
        "for",
        "it",
        "its",
        "their",
        "they",
        "you",
        "your",
        "i",
        "my",
        "and",
        "or",
        "with",
        "at",
        "by",
        "from",
        "this",
        "that",
        "these",
        "those",
        "there",
        "have",
        "has",
        "let",
    ]
)
"""Words a short id and a working title leave out of the question."""


def _working_title(question: str) -> str:
    """The question as a title: its own words and capitals (acronyms kept), without the
    question mark, cut at a word if long."""
    from argmap.exporters.encode import shorten

    printable = "".join(c if c.isprintable() else " " for c in question)
    words = " ".join(printable.split()).rstrip("?").rstrip()
    return shorten(words[:1].upper() + words[1:], 70) or "A debate"


def starter(question: str, schema_path: str = "debate.schema.json") -> str:
    """A starter debate file for ``question``, valid under ``argmap check``, that points
    YAML-aware editors at the schema."""
    from argmap.io.yaml_source import dump_yaml

    words = "".join(
        c if c.isascii() and (c.isalnum() or c == "-") else " " for c in question.lower()
    ).split()
    words = [w.strip("-") for w in words if w.strip("-")]
    key = [w for w in words if w not in _STOP_WORDS] or words
    ident = "-".join(key[:4])[:40].strip("-") or "debate"  # short: it names every file
    title = f"{_working_title(question)} (working title)"
    body = dump_yaml({"title": title, "question": question})
    return (
        f"# yaml-language-server: $schema={schema_path}\n"
        "# A starter debate: replace the examples, then run 'argmap check' on this file.\n"
        "argmap: 1\n"
        f"id: {ident}\n"
        f"{body}"
        "sources:\n"
        "  - id: source-1\n"
        "    title: The report the first argument quotes\n"
        "    kind: media\n"
        "actors:\n"
        "  - id: actor-1\n"
        "    name: Someone who holds a view\n"
        "    stances:\n"
        "      option-1: supports\n"
        "positions:\n"
        "  - id: option-1\n"
        "    text: What the first option would do.\n"
        "    title: First option\n"
        "  - id: status-quo\n"
        "    text: Change nothing.\n"
        "    title: Status quo\n"
        "    status_quo: true\n"
        "arguments:\n"
        "  - id: reason-for\n"
        "    text: A reason to take the first option.\n"
        "    supports: option-1\n"
        "    by: [actor-1]\n"
        "    evidence:\n"
        "      - source: source-1\n"
        "        quote: a short verbatim quote\n"
        "  - id: reason-against\n"
        "    text: A reason not to.\n"
        "    supports: status-quo\n"
        "    attacks: option-1\n"
        "    evidence:\n"
        "      - source: source-1\n"
        "        quote: another short quote\n"
        "  - id: reason-against-change\n"
        "    text: A reason to change something after all.\n"
        "    attacks: status-quo\n"
        "    evidence:\n"
        "      - source: source-1\n"
        "        quote: a third quote\n"
        "  - id: answer-to-against\n"
        "    text: Why the reason not to does not hold.\n"
        "    attacks: reason-against\n"
        "    evidence:\n"
        "      - source: source-1\n"
        "        quote: a fourth quote\n"
        "  - id: answer-to-change\n"
        "    text: Why changing is not needed after all.\n"
        "    attacks: reason-against-change\n"
        "    evidence:\n"
        "      - source: source-1\n"
        "        quote: a fifth quote\n"
    )
