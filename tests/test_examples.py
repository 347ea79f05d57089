"""The example debates: they pass ``check --strict``, and every text output is pinned."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.io.debate_file import SUFFIXES
from tests.conftest import GOLDEN, ROOT, Golden

DEBATES = sorted(p for p in (ROOT / "debates").iterdir() if p.suffix in SUFFIXES)


def test_there_are_example_debates() -> None:
    assert len(DEBATES) >= 2


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
def test_example_is_clean_under_strict(path: Path, in_root: Path) -> None:
    report = argmap.check(path.relative_to(ROOT))
    assert all(d.severity == "note" for d in report.diagnostics), report.format_text()
    assert not report.failed(strict=True)


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
@pytest.mark.parametrize("output", ["check.txt", "check.json", "canonical.yaml", "canonical.json"])
def test_example_goldens(path: Path, output: str, in_root: Path, golden: Golden) -> None:
    relative = path.relative_to(ROOT)
    if output == "check.txt":
        text = argmap.check(relative).format_text()
    elif output == "check.json":
        text = argmap.check(relative).to_json()
    else:
        text = argmap.dumps(argmap.load(relative), output.split(".")[1])  # type: ignore[arg-type]
    golden.check(GOLDEN / "debates" / f"{path.stem}.{output}", text)


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
def test_canonical_dump_loads_back_equal(path: Path) -> None:
    debate = argmap.load(path)
    for fmt in ("yaml", "json"):
        assert argmap.loads(argmap.dumps(debate, fmt), fmt) == debate


def _depth(debate: argmap.Debate, ident: str, seen: frozenset[str] = frozenset()) -> int:
    """How many levels of counterarguments stand beneath an argument."""
    attackers = [a for a in debate.arguments if ident in a.attacks and a.id not in seen]
    return max((1 + _depth(debate, a.id, seen | {ident}) for a in attackers), default=0)


def test_hikvision_has_what_the_issue_asks_for() -> None:
    debate = argmap.load(ROOT / "debates" / "hikvision-2019.yaml")
    assert len(debate.positions) >= 3
    assert len(debate.actors) >= 8
    assert len(debate.arguments) >= 15
    assert all(
        a.stances for a in debate.actors if a.id not in {"pompeo", "batke", "business-analysts"}
    )
    assert sum(1 for a in debate.actors if a.part_of) >= 5
    by_id = {a.id: a for a in debate.arguments}
    assert "uighur-surveillance" in by_id["trade-war-motive"].undercuts
    # counterarguments two levels deep beneath an argument that bears on a position
    assert max(_depth(debate, a.id) for a in debate.arguments) >= 2
    assert all(a.evidence and all(e.quote for e in a.evidence) for a in debate.arguments)
    quoted = {e.source for a in debate.arguments for e in a.evidence}
    assert quoted == {s.id for s in debate.sources}
