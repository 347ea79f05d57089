"""The library a notebook uses: every public name, each command as one call, and a
debate shown as its map in Jupyter."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from tests.conftest import ROOT

DEBATE = ROOT / "debates" / "school-phones.yaml"


def test_every_public_name_resolves() -> None:
    for name in argmap.__all__:
        assert getattr(argmap, name) is not None, name
    for name in ("diff", "grade", "render", "brief", "convert"):
        assert name in argmap.__all__
        assert callable(getattr(argmap, name))


def test_submodules_never_shadow_the_functions() -> None:
    import argmap.diffing
    import argmap.grading
    import argmap.graphviz

    assert callable(argmap.diff)
    assert callable(argmap.grade)
    assert callable(argmap.render)


def test_each_command_is_one_call(tmp_path: Path) -> None:
    debate = argmap.load(DEBATE)
    svg = argmap.render(debate)
    assert svg.startswith(b"<?xml")
    assert b"<svg" in svg
    assert argmap.render(DEBATE, format="dot").startswith(b"digraph")
    written = argmap.render(debate, tmp_path / "map.pdf")
    assert [p.name for p in written.written] == ["map.pdf"]
    assert argmap.brief(debate).startswith(b"<!DOCTYPE html>")
    assert argmap.brief(DEBATE, tmp_path / "b.md").written[0].name == "b.md"
    out = argmap.convert(DEBATE, tmp_path / "d.json")
    converted = argmap.loads(out.read_text(encoding="utf-8"), "json")  # no sources beside it
    assert converted == debate
    assert argmap.diff(debate, converted).same


def test_a_debate_shows_as_its_map_in_jupyter() -> None:
    svg = argmap.load(DEBATE)._repr_svg_()
    assert "<svg" in svg
    assert "Ban all day" in svg


def test_a_debate_that_cannot_be_drawn_says_why() -> None:
    broken = argmap.Debate.model_validate(
        {
            "argmap": 1,
            "id": "d",
            "title": "T",
            "question": "Q?",
            "positions": [{"id": "p", "text": "P"}],
            "arguments": [{"id": "a", "text": "<A>", "supports": "nowhere"}],
        }
    )
    svg = broken._repr_svg_()
    assert svg.startswith("<svg")
    assert "cannot draw this debate" in svg
    assert "error[E202]" in svg


@pytest.mark.parametrize("name", ["diff", "grade", "render", "brief", "convert"])
def test_the_public_calls_are_documented(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"argmap.{name}(" in readme
