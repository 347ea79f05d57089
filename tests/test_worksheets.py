"""Worksheets that make sense (issue 22): each blank says what belongs in it, by its kind
(a reason for, an objection to a claim, an objection to the link between a reason and
its claim); by default no blank hangs from another blank; the legend of the first page
explains every mark of every page."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

import argmap
from argmap.diagrams import blank_ids, render
from argmap.exporters.dot import export_dot
from argmap.exporters.options import DiagramOptions
from argmap.outline import outline
from argmap.paper import Paper
from tests.conftest import ROOT

HIKVISION = argmap.load(ROOT / "debates" / "hikvision-2019.yaml")
SCHOOL = argmap.load(ROOT / "debates" / "school-phones.yaml")


def _instructions(dot: str) -> list[str]:
    """Each blank's instruction (its lines in italics, joined)."""
    labels = re.findall(r"label=<(.*?)>, (?:URL|tooltip)=", dot)  # a blank has no URL
    return [" ".join(re.findall(r"<I>(.*?)</I>", label)) for label in labels if "<I>" in label]


def test_each_blank_says_what_belongs_in_it_by_its_kind() -> None:
    numbers = outline(HIKVISION).numbers
    assert (numbers["tangible-signal"], numbers["little-us-business"]) == ("1.2", "1.4")
    assert numbers["stated-reason"] == "1.3.2"  # it undercuts 1.3, a reason for option 1
    blanks = frozenset({"tangible-signal", "little-us-business", "stated-reason"})
    dot = export_dot(HIKVISION, DiagramOptions(blank=blanks))
    assert sorted(_instructions(dot)) == [
        "Write a reason for option 1.",
        "Write an objection to option 1: why it may not be true.",
        "Write why 1.3 does not show option 1, even if 1.3 is true.",
    ]


@pytest.mark.parametrize("wrap", [8, 18, 24, 30, 60])
def test_an_instruction_is_never_cut_whatever_the_wrap(wrap: int) -> None:
    blanks = frozenset({"tangible-signal", "little-us-business", "stated-reason"})
    dot = export_dot(HIKVISION, DiagramOptions(blank=blanks, wrap=wrap))
    assert sorted(_instructions(dot)) == [
        "Write a reason for option 1.",
        "Write an objection to option 1: why it may not be true.",
        "Write why 1.3 does not show option 1, even if 1.3 is true.",
    ]


def test_by_default_no_blank_hangs_from_another_blank() -> None:
    for debate in (SCHOOL, HIKVISION):
        tree = outline(debate)
        blanks = blank_ids(debate, "counterarguments")
        assert blanks
        assert not [b for b in blanks if tree.parent.get(b) in blanks]
        counter = {a.id for a in debate.arguments if not a.supports}
        # every counterargument is blank but for those beneath a blank
        assert {c for c in counter if tree.parent.get(c) not in blanks} <= blanks


def test_the_first_page_explains_every_mark_of_every_page(tmp_path: Path) -> None:
    render(HIKVISION, [tmp_path / "sheet.pdf"], worksheet=True, paper=Paper.A4)
    read = PdfReader(tmp_path / "sheet.pdf").pages
    pages = [unicodedata.normalize("NFKC", page.extract_text() or "") for page in read]
    assert len(pages) > 1
    first = " ".join(pages[0].split())
    for meaning in (
        "a box for you to fill: its line in italics says what belongs there",
        "UNDERCUT ⊘: an objection to the link between a reason and its claim",
        "solid line, PRO +: a reason for what it points at",
        "dashed line, CON −: an objection to what it points at",
        "who advances the argument",
    ):
        assert meaning in first
    assert any("✎" in page for page in pages[1:])


@pytest.mark.parametrize("debate", [HIKVISION, SCHOOL], ids=["hikvision", "school"])
def test_a_worksheet_never_gives_a_blanks_id_away(debate: argmap.Debate, tmp_path: Path) -> None:
    """A blank's id is often its answer in a few words (``trade-war-motive``): a link
    to it would show it to a student pointing at the box, on screen or in the PDF."""
    blanks = blank_ids(debate, "counterarguments")
    assert blanks
    options = DiagramOptions(blank=blanks)
    render(debate, [tmp_path / "w.svg", tmp_path / "w.pdf"], options, worksheet=True)
    svg = (tmp_path / "w.svg").read_text(encoding="utf-8")
    pdf = (tmp_path / "w.pdf").read_bytes()
    links = [
        str(annotation.get_object())
        for page in PdfReader(tmp_path / "w.pdf").pages
        for annotation in page.get("/Annots") or []
    ]
    for ident in blanks:
        assert ident not in svg
        assert ident.encode() not in pdf
        assert not [link for link in links if ident in link]
