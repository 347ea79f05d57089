"""A reveal on slides readable from the back row (issue 22): every step's body text at
18 pt or more and no text under 12 pt, whatever the size of the map; a map too large for
one slide becomes a deck by branch whose every slide says where it sits. Sizes are read
back from the PDFs' text and transformation matrices."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

import argmap
from argmap.deck import SLIDE_SMALLEST, SLIDE_TEXT
from argmap.diagrams import render
from argmap.exporters.options import DiagramOptions, Reveal
from argmap.exporters.style import LOOKS, Theme
from argmap.index import index
from argmap.paper import MIN_TEXT, Paper
from bench.generate import debate as synthetic
from tests.conftest import ROOT
from tests.test_paper import body_sizes, page_sizes, printed_text

EXAMPLES = ("hikvision-2019", "school-phones", "uk-5g-huawei-2020")


def example(stem: str) -> argmap.Debate:
    return argmap.load(ROOT / "debates" / f"{stem}.yaml")


def texts(pdf: Path) -> list[str]:
    """Each page's text, its runs joined."""
    return [" ".join(" ".join(text for text, _, _ in runs).split()) for runs in printed_text(pdf)]


def check_deck(pdf: Path, theme: Theme) -> list[str]:
    """Each slide's text, after asserting that every slide is a 16:9 slide, prints its
    body text at 18 pt or more and nothing under 12 pt, and says where it sits."""
    sizes = page_sizes(pdf)
    assert set(sizes) == {(960.0, 540.0)}
    for n, size in enumerate(body_sizes(pdf, theme), 1):
        assert size >= SLIDE_TEXT - 0.01, f"slide {n}: body text at {size:.2f} pt"
    for n, runs in enumerate(printed_text(pdf), 1):
        smallest = min(printed for _, _, printed in runs)
        assert smallest >= SLIDE_SMALLEST - 0.01, f"slide {n}: text at {smallest:.2f} pt"
    pages = texts(pdf)
    for n, text in enumerate(pages, 1):
        assert f"Slide {n} of {len(pages)}: " in text, f"slide {n} does not say where it sits"
    return pages


@pytest.mark.parametrize("order", list(Reveal))
@pytest.mark.parametrize("stem", EXAMPLES)
def test_a_reveal_on_the_projector_is_readable_from_the_back_row(
    tmp_path: Path, stem: str, order: Reveal
) -> None:
    debate = example(stem)
    target = tmp_path / "deck.pdf"
    result = render(debate, [target], DiagramOptions(theme=Theme.PROJECTOR), reveal=order)
    assert result.warnings == ()
    slides = check_deck(target, Theme.PROJECTOR)
    # the first slide: the question and what the marks mean; then the overview
    assert "Legend" in slides[0]
    assert "the question, and what the marks on the slides mean" in slides[0]
    assert "Slide 2 of" in slides[1]
    assert "the question and the options" in slides[1]
    # every argument is on a slide, with its number
    numbers = index(debate).tree.numbers
    every = " ".join(slides)
    for a in debate.arguments:
        assert re.search(rf"(?<![\d.]){re.escape(numbers[a.id])}(?![\d])", every), a.id


def test_a_slide_of_the_default_theme_is_enlarged_to_be_read(tmp_path: Path) -> None:
    target = tmp_path / "deck.pdf"
    result = render(example("school-phones"), [target], reveal=True, paper=Paper.SLIDE)
    assert result.warnings == ()
    check_deck(target, Theme.DEFAULT)
    assert LOOKS[Theme.DEFAULT].font_size < SLIDE_TEXT  # 12 pt drawn: printed 1.5 times


@pytest.mark.parametrize("size", [10, 25, 100])
def test_a_deck_of_any_size_keeps_its_text_large(tmp_path: Path, size: int) -> None:
    debate = argmap.Debate.model_validate(synthetic(size))
    target = tmp_path / "deck.pdf"
    result = render(debate, [target], DiagramOptions(theme=Theme.PROJECTOR), reveal=True)
    assert result.warnings == ()
    slides = check_deck(target, Theme.PROJECTOR)
    assert len(slides) > 2


def test_a_marker_names_the_slide_where_the_rest_is(tmp_path: Path) -> None:
    """ "+4 more beneath 1.1 (slide 9–15)": the first slide named draws an argument
    beneath 1.1 in full."""
    target = tmp_path / "deck.pdf"
    render(example("hikvision-2019"), [target], DiagramOptions(theme=Theme.PROJECTOR), reveal=True)
    slides = texts(target)
    marker = re.compile(r"more beneath ([\d.]+) \(slide (\d+)")
    found = 0
    for text in slides:
        for number, slide in marker.findall(text):
            found += 1
            later = slides[int(slide) - 1]
            assert re.search(rf"{re.escape(number)}\.\d", later), (number, slide)
    assert found


def test_a_reveal_on_paper_keeps_min_text(tmp_path: Path) -> None:
    target = tmp_path / "steps.pdf"
    result = render(example("hikvision-2019"), [target], reveal=True, paper=Paper.A4)
    assert result.warnings == ()
    for n, size in enumerate(body_sizes(target, Theme.DEFAULT), 1):
        assert size >= MIN_TEXT - 0.01, f"page {n}: {size:.2f} pt"
    pages = texts(target)
    assert all(f"Page {n} of {len(pages)}: " in t for n, t in enumerate(pages, 1))


def test_a_hint_for_a_slide_never_offers_paper(tmp_path: Path) -> None:
    """A box too wide for any slide at 18 pt (text wrapped at 200 characters): the warning
    says so, and what it suggests is for a slide."""
    target = tmp_path / "deck.pdf"
    result = render(
        example("hikvision-2019"),
        [target],
        DiagramOptions(theme=Theme.PROJECTOR, wrap=200, fixed_wrap=True),
        reveal=True,
    )
    assert result.warnings
    for warning in result.warnings:
        assert "--paper" not in warning
        assert re.match(r"deck\.pdf: slide \d+ of \d+ prints its text at [\d.]+ pt", warning)
    assert len(PdfReader(target).pages) > 1
