"""What a student writing a map trips on (issue 22): a working title that reads as
English, a field indented too little, an option named by its title, a mistyped file
name; each gets the hint that mends it."""

from __future__ import annotations

import shutil
from pathlib import Path

import argmap
from argmap.api import starter
from tests.conftest import ROOT

BASE = (ROOT / "tests" / "zoo" / "valid-base.yaml").read_text(encoding="utf-8")


def _said(tmp_path: Path, text: str) -> list[tuple[str, str, str | None]]:
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    return [(d.code, d.message, d.hint) for d in argmap.check(path).errors]


def test_argmap_new_keeps_the_questions_words_and_capitals() -> None:
    text = starter("Should the EU ban imports of goods made with forced labour?")
    assert (
        "title: Should the EU ban imports of goods made with forced labour (working title)" in text
    )
    assert "id: eu-ban-imports-goods" in text
    long = starter("Should " + "the very long question about NATO and the UN " * 4 + "end?")
    title = next(line for line in long.splitlines() if line.startswith("title:"))
    assert title.endswith("… (working title)")
    assert "NATO" in title


def test_a_field_indented_too_little_says_so(tmp_path: Path) -> None:
    text = BASE.replace(
        "      - source: report\n        quote: saves money\n",
        "      - source: report\n    quote: saves money\n",
        1,
    )
    assert _said(tmp_path, text) == [
        (
            "E101",
            "unknown field 'quote' in argument 'pro'",
            "'quote' is a field of an evidence item, indented too little: it reads as a field "
            "of argument 'pro'. Indent it to line up with 'source' in the item above "
            "('- source: …')",
        )
    ]


def test_an_option_named_by_its_title_gets_its_id(tmp_path: Path) -> None:
    text = BASE.replace("  - id: go\n", "  - id: go\n    title: Go ahead\n", 1)
    text = text.replace("    supports: go\n", "    supports: Go ahead\n", 1)
    assert _said(tmp_path, text) == [
        (
            "E202",
            "argument 'pro' supports unknown id 'Go ahead'",
            "did you mean 'go'? 'Go ahead' is the title of the position 'go': name it by its id",
        )
    ]


def test_a_mistyped_file_name_gets_the_one_that_is_there(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tests" / "zoo" / "sources", tmp_path / "sources")
    text = (ROOT / "tests" / "zoo" / "W313-wrong-locator.yaml").read_text(encoding="utf-8")
    text = text.replace("sources/council-report.txt", "sources/council-reprot.txt")
    (found,) = [(c, h) for c, _, h in _said(tmp_path, text)]
    assert found == ("E213", "did you mean 'sources/council-report.txt'?")
    # a file of another name altogether is not guessed at
    text = text.replace("council-reprot", "minutes-of-the-board")
    (found,) = [(c, h) for c, _, h in _said(tmp_path, text)]
    assert found[1] is not None
    assert "did you mean" not in found[1]
