"""Imports stay linear (issue 21): a co-premise group is written in space linear in its
size, in the import and in every export, and an argument's many tags are kept once
each. Sizes are compared at N and 2N: twice the premises may take about twice the
bytes, never four times (each co-premise once listed every other). Times are measured
in bench/bench_wide.py, not here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import argmap
from argmap.api import converted
from argmap.exporters.dot import export_dot
from argmap.io.formats import EXPORTERS
from argmap.outline import co_premise_groups
from bench.generate import tagged_argdown, wide_aif, wide_argdown

FORMATS = ("yaml", "json", *EXPORTERS)


def _sizes(tmp_path: Path, make: Callable[[int], str], suffix: str, n: int) -> dict[str, int]:
    source = tmp_path / f"wide-{n}{suffix}"
    source.write_text(make(n), encoding="utf-8")
    debate = argmap.load(source)
    groups = {g for g in co_premise_groups(debate).values() if len(g) > 1}
    assert [len(g) for g in groups] == [n]  # one group, all the premises
    sizes = {fmt: len(converted(source, fmt)) for fmt in FORMATS}
    sizes["dot"] = len(export_dot(debate))
    return sizes


@pytest.mark.parametrize(
    ("make", "suffix"), [(wide_argdown, ".argdown"), (wide_aif, ".json")], ids=["argdown", "aif"]
)
def test_a_co_premise_group_is_written_in_space_linear_in_its_size(
    tmp_path: Path, make: Callable[[int], str], suffix: str
) -> None:
    small = _sizes(tmp_path, make, suffix, 300)
    large = _sizes(tmp_path, make, suffix, 600)
    ratios = {fmt: large[fmt] / small[fmt] for fmt in small}
    assert all(r < 2.2 for r in ratios.values()), ratios


def test_an_imported_group_names_one_co_premise_each_and_comes_back_whole(
    tmp_path: Path,
) -> None:
    source = tmp_path / "wide.argdown"
    source.write_text(wide_argdown(50), encoding="utf-8")
    debate = argmap.load(source)
    linked = [a.linked_with for a in debate.arguments if a.linked_with]
    assert len(linked) == 49
    assert all(len(partners) == 1 for partners in linked)
    for fmt, suffix in (("argdown", ".argdown"), ("aif", ".aif.json"), ("yaml", ".yaml")):
        again = tmp_path / f"again{suffix}"
        again.write_text(converted(source, fmt), encoding="utf-8")
        groups = {g for g in co_premise_groups(argmap.load(again)).values() if len(g) > 1}
        assert [len(g) for g in groups] == [50], fmt


def test_fifty_thousand_tags_are_kept_once_each_in_order(tmp_path: Path) -> None:
    source = tmp_path / "tagged.argdown"
    source.write_text(tagged_argdown(50_000), encoding="utf-8")
    (tagged,) = [a for a in argmap.load(source).arguments if a.tags]
    assert tagged.tags == [f"tag{i}" for i in range(50_000)]
    source.write_text(tagged_argdown(3).replace("#tag2", "#tag0 #tag1 #tag2"), encoding="utf-8")
    (tagged,) = [a for a in argmap.load(source).arguments if a.tags]
    assert tagged.tags == ["tag0", "tag1", "tag2"]
