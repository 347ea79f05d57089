"""argmap's Argdown import against Argdown's own reading of the same files.

The goldens in tests/golden/argdown are Argdown's JSON model of each fixture, reduced;
``scripts/argdown_reference.py goldens`` makes them with Argdown's CLI (node), so this
test needs no node. Every statement, argument, text and relation must come across, and
no link may appear that Argdown's reading does not explain.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import argmap
from argmap.io.formats.argdown_check import compare
from argmap.outline import relation_groups

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "argdown").glob("*.argdown"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_import_keeps_what_argdown_reads(path: Path) -> None:
    golden = ROOT / "tests" / "golden" / "argdown" / f"{path.stem}.json"
    reference = json.loads(golden.read_text(encoding="utf-8"))
    tally = compare(path.read_text(encoding="utf-8"), path.name, reference)
    assert tally.missing == []
    assert tally.elements_kept == tally.elements > 0
    assert tally.relations_kept == tally.relations
    assert tally.texts_kept == tally.texts
    assert tally.lines_skipped == 0


def test_a_structure_chains_its_inferences_and_keeps_their_rules() -> None:
    debate = argmap.load(ROOT / "tests" / "fixtures" / "argdown" / "pcs-gaps.argdown")
    args = {a.id: a for a in debate.arguments}
    # the rules' {uses: [1,2]}: (1) and (2) jointly reach the intermediate conclusion
    # (4), which with (5) reaches <A>; (3), which no inference uses, is still a premise
    assert args["untitled-1"].supports == ["untitled-3"]
    groups = relation_groups(debate)
    assert set(groups[("untitled-1", "untitled-3")]) == {"untitled-1", "p2"}
    assert args["untitled-3"].scheme == "Modus ponens, Other rule"
    assert args["untitled-3"].supports == ["a"]
    assert set(groups[("untitled-3", "a")]) == {"untitled-3", "untitled-4"}
    assert args["untitled-2"].supports == ["a"]
    assert args["a"].supports == ["d"]  # the argument supports its titled conclusion
    # <B> has no description: it carries its untitled conclusion as its text
    b = next(p for p in debate.positions if p.id == "b")
    assert (b.text, b.title, b.scheme) == ("R", "B", "Rule X")


@pytest.mark.parametrize("path", sorted((ROOT / "debates").glob("*.yaml")), ids=lambda p: p.stem)
def test_argdown_reads_the_export_as_the_same_map(path: Path) -> None:
    """Argdown's own reading of argmap's export (made with its CLI, kept as a golden)
    has every element under its title and every link, and nothing else."""
    from argmap.io.formats.argdown import dump_argdown

    debate = argmap.load(path)
    golden = ROOT / "tests" / "golden" / "argdown" / f"export-{path.stem}.json"
    reference = json.loads(golden.read_text(encoding="utf-8"))
    tally = compare(dump_argdown(debate), path.name, reference)
    assert tally.missing == []
    assert tally.elements == len(debate.positions) + len(debate.arguments)
    assert tally.relations == sum(len(a.targets) for a in debate.arguments)
    assert tally.texts_kept == tally.texts == tally.elements
    # Argdown names the boxes as argmap does: by title, and by id where there is none
    assert set(reference["arguments"]) == {a.title or a.id for a in debate.arguments}
    assert set(reference["statements"]) == {p.title or p.id for p in debate.positions}


def test_the_hikvision_debate_goes_to_argdown_and_back_whole() -> None:
    from argmap.io.formats.argdown import dump_argdown

    debate = argmap.load(ROOT / "debates" / "hikvision-2019.yaml")
    back = argmap.loads(dump_argdown(debate), "yaml", name="hikvision.argdown")
    assert back == debate


def test_data_a_kind_of_element_cannot_hold_is_counted_as_dropped(tmp_path: Path) -> None:
    path = tmp_path / "k.argdown"
    path.write_text(
        "[p]: A position. {by: [x], weight: 0.5}\n  + <a>: An argument. {status_quo: true}\n",
        encoding="utf-8",
    )
    report = argmap.check(path)
    assert [d.message for d in report.diagnostics if d.code == "W309"] == [
        "3 settings argmap has no field for: {by} on a position ×1, {status_quo} on an "
        "argument ×1, {weight} on a position ×1"
    ]
