"""A zoo of broken debate files, one per diagnostic code and loader hazard.

Each file is named after the code it must raise; its whole report is pinned in a golden
file, so a change in any message, location or hint shows up as a reviewed diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap import CODES
from tests.conftest import GOLDEN, ROOT, Golden

ZOO = ROOT / "tests" / "zoo"
ZOO_FILES = sorted(p for p in ZOO.iterdir() if p.name[:1] in "EWN")


@pytest.mark.parametrize("path", ZOO_FILES, ids=lambda p: p.name)
def test_zoo_file_reports_its_code(path: Path, in_root: Path, golden: Golden) -> None:
    code = path.name.split("-", 1)[0]
    report = argmap.check(path.relative_to(ROOT))
    assert code in report.codes
    golden.check(GOLDEN / "zoo" / f"{path.name}.txt", report.format_text())


def test_zoo_base_is_clean(in_root: Path) -> None:
    report = argmap.check(Path("tests/zoo/valid-base.yaml"))
    assert report.diagnostics == ()


def test_every_code_has_a_zoo_file_or_a_dedicated_test() -> None:
    covered = {p.name.split("-", 1)[0] for p in ZOO_FILES}
    dedicated = {"E001", "E002"}  # need a missing file or a huge one: see test_loader.py
    assert set(CODES) == covered | dedicated


def test_diagnostics_are_sorted_by_position(in_root: Path) -> None:
    for path in ZOO_FILES:
        report = argmap.check(path.relative_to(ROOT))
        keys = [d.sort_key() for d in report.diagnostics]
        assert keys == sorted(keys)
        assert all(d.location.line is not None for d in report.diagnostics)
