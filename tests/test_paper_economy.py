"""Paper without waste (issue 22): what a class prints fits few pages at a readable size.

Every figure is read back from the PDFs argmap writes: the pages counted, the printed size
of the body text taken from each page's text and transformation matrices (as
``tests/test_paper.py`` does), the paper's size and way round from each page's box.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

import argmap
from argmap.briefing import BRIEF_MAP_MARGIN
from argmap.diagrams import _Drawer, page_setup, render
from argmap.errors import UsageError
from argmap.exporters.options import DiagramOptions
from argmap.exporters.style import LOOKS, Theme
from argmap.pagination import Page, _Beyond, _Planner, paginate
from argmap.paper import MIN_TEXT, Orientation, PageSetup, Paper
from bench.generate import debate as synthetic
from tests.conftest import ROOT
from tests.test_paper import body_sizes, page_sizes

EXAMPLES = ("hikvision-2019", "school-phones", "uk-5g-huawei-2020")
MOST_PAGES = 4
"""The most pages a map of up to 25 arguments, its worksheet or a one-option handout
may take on A4 or Letter at 9 pt (issue 22)."""
PAGES_PER_10_ARGUMENTS = 2.0
"""The most pages a larger map may take per 10 arguments (bench/README.md has the figures
reached: about 1.7 on A4)."""


def example(stem: str) -> argmap.Debate:
    return argmap.load(ROOT / "debates" / f"{stem}.yaml")


def generated(n: int) -> argmap.Debate:
    return argmap.Debate.model_validate(synthetic(n))


def documents(debate: argmap.Debate) -> list[tuple[str, DiagramOptions, bool]]:
    """(name, view, worksheet?) of each document a teacher prints of a map."""
    docs = [("map", DiagramOptions(), False), ("worksheet", DiagramOptions(), True)]
    docs += [(f"option {p.id}", DiagramOptions(position=p.id), False) for p in debate.positions]
    return docs


def check_document(path: Path, name: str, most: int) -> list[tuple[float, float]]:
    """The pages of a document, after asserting that there are at most ``most``, that
    they all have the paper's one orientation, and that body text prints at 9 pt or more."""
    sizes = page_sizes(path)
    assert 1 <= len(sizes) <= most, f"{name}: {len(sizes)} pages"
    assert len(set(sizes)) == 1, f"{name}: pages of different sizes or orientations: {sizes}"
    for n, size in enumerate(body_sizes(path, Theme.DEFAULT), 1):
        assert size >= MIN_TEXT - 0.01, f"{name}: page {n} prints at {size:.2f} pt"
    return sizes


def print_all(debate: argmap.Debate, paper: Paper, folder: Path, most: int) -> dict[str, int]:
    """Each document's pages, every document checked."""
    counts = {}
    for name, options, worksheet in documents(debate):
        result = render(debate, [folder / "doc.pdf"], options, worksheet=worksheet, paper=paper)
        assert result.warnings == (), f"{name}: {result.warnings}"
        sheet = check_document(result.written[0], name, most)
        if worksheet:  # the key mirrors the sheet page for page
            key = result.written[1]
            assert key.name == "doc-key.pdf"
            assert page_sizes(key) == sheet
        counts[name] = len(sheet)
        for path in result.written:
            path.unlink()
    return counts


@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER])
@pytest.mark.parametrize("stem", EXAMPLES)
def test_every_document_of_an_example_fits_four_pages_at_nine_points(
    tmp_path: Path, stem: str, paper: Paper
) -> None:
    print_all(example(stem), paper, tmp_path, MOST_PAGES)


@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER])
@pytest.mark.parametrize("size", [10, 25])
def test_every_document_of_a_generated_map_fits_four_pages(
    tmp_path: Path, size: int, paper: Paper
) -> None:
    counts = print_all(generated(size), paper, tmp_path, MOST_PAGES)
    if size == 10:  # a small map is one page; its worksheet, with room to write, two
        assert counts["map"] == 1
        assert counts["worksheet"] <= 2


def test_a_larger_map_takes_pages_in_proportion(tmp_path: Path) -> None:
    debate = generated(100)
    target = tmp_path / "map.pdf"
    result = render(debate, [target], paper=Paper.A4)
    assert result.warnings == ()
    most = int(len(debate.arguments) / 10 * PAGES_PER_10_ARGUMENTS)
    check_document(target, "the map of 100 arguments", most)


def test_auto_orientation_may_turn_pages_but_never_needs_more(tmp_path: Path) -> None:
    debate = example("hikvision-2019")
    one_way, each_page = tmp_path / "one.pdf", tmp_path / "auto.pdf"
    render(debate, [one_way])
    render(debate, [each_page], orientation=Orientation.AUTO)
    assert len(set(page_sizes(one_way))) == 1
    assert len(page_sizes(each_page)) <= len(page_sizes(one_way)) + 1
    for size in body_sizes(each_page, Theme.DEFAULT):
        assert size >= MIN_TEXT - 0.01


# -- --pages N ---------------------------------------------------------------------------

SIZE_SAID = re.compile(
    r"page (\d+) of \d+ prints its text at ([\d.]+) pt|its one page prints "
    r"its text at ([\d.]+) pt"
)


@pytest.mark.parametrize("wanted", [1, 2])
def test_pages_asks_for_at_most_that_many_and_says_the_size_reached(
    tmp_path: Path, wanted: int
) -> None:
    debate = example("hikvision-2019")
    target = tmp_path / "map.pdf"
    plain = render(debate, [tmp_path / "plain.pdf"])
    assert len(page_sizes(plain.written[0])) > wanted  # the map needs more at 9 pt
    result = render(debate, [target], max_pages=wanted)
    sizes = page_sizes(target)
    assert len(sizes) <= wanted
    assert len(set(sizes)) == 1
    printed = body_sizes(target, Theme.DEFAULT)
    said = {}
    for warning in result.warnings:
        assert f"because --pages {wanted} asks for the map on " in warning
        assert warning.endswith("For larger text allow more --pages")
        match = SIZE_SAID.search(warning)
        assert match is not None, warning
        page = int(match.group(1) or 1)
        said[page] = float(match.group(2) or match.group(3))
    for n, size in enumerate(printed, 1):
        if size < MIN_TEXT - 0.05:  # every page below --min-text is named, its size true
            assert said[n] == pytest.approx(size, abs=0.06)
    assert said, "the text went below 9 pt to fit, and a warning says so"


def test_pages_that_are_not_needed_change_nothing(tmp_path: Path) -> None:
    debate = example("school-phones")
    render(debate, [tmp_path / "plain.pdf"])
    result = render(debate, [tmp_path / "ten.pdf"], max_pages=10)
    assert result.warnings == ()
    assert (tmp_path / "plain.pdf").read_bytes() == (tmp_path / "ten.pdf").read_bytes()


def test_pages_is_for_pdf_files_and_a_count(tmp_path: Path) -> None:
    debate = example("school-phones")
    with pytest.raises(UsageError, match=r"^--pages is for \.pdf files$"):
        render(debate, [tmp_path / "map.svg"], max_pages=2)
    with pytest.raises(UsageError, match=r"^--pages must be from 1 to 999$"):
        render(debate, [tmp_path / "map.pdf"], max_pages=0)


# -- a plan bounded in pages (a brief's map tries fewer levels when it needs more) -------


def _bounded_cases() -> list[tuple[str, DiagramOptions, PageSetup]]:
    """Views planned with a bound: a brief's map of each example at each level it tries
    (portrait, 11 pt), and full maps on paper of either orientation."""
    brief = replace(
        page_setup(
            Theme.DEFAULT, Paper.A4, Orientation.PORTRAIT, min_text=LOOKS[Theme.DEFAULT].font_size
        ),
        margin=BRIEF_MAP_MARGIN,
    )
    cases = [
        (stem, DiagramOptions(titles_only=True, max_level=level), brief)
        for stem in EXAMPLES
        for level in (None, 2)
    ]
    cases += [(stem, DiagramOptions(), page_setup(Theme.DEFAULT, Paper.A4)) for stem in EXAMPLES]
    cases.append(("generated-60", DiagramOptions(), page_setup(Theme.DEFAULT, Paper.LETTER)))
    return cases


@pytest.mark.parametrize(("stem", "options", "setup"), _bounded_cases())
def test_a_plan_bounded_in_pages_is_the_plan_or_none(
    stem: str, options: DiagramOptions, setup: PageSetup
) -> None:
    """``paginate`` with ``most`` gives the very pages planned without it when there are
    at most ``most``, else None, whatever the bound: stopping early never changes a plan."""
    debate = generated(60) if stem == "generated-60" else example(stem)
    measure = _Drawer(debate, setup, None).measure
    whole = paginate(debate, options, setup, measure)
    bounds = {1, 2, 3, 4, 5, len(whole) - 1, len(whole), len(whole) + 1} - {0}
    for most in sorted(bounds):
        bounded = paginate(debate, options, setup, measure, most)
        if len(whole) <= most:  # (page numbers compare by identity: compared as written)
            assert repr(bounded) == repr(whole), (stem, most)
        else:
            assert bounded is None, (stem, most)


def test_a_bounded_plan_stops_once_it_has_too_many_pages() -> None:
    """The brief's whole map of Hikvision takes six pages; bounded at three, fewer pages
    are tried than in the whole plan (and the answer is None)."""
    debate = example("hikvision-2019")
    setup = replace(
        page_setup(
            Theme.DEFAULT, Paper.A4, Orientation.PORTRAIT, min_text=LOOKS[Theme.DEFAULT].font_size
        ),
        margin=BRIEF_MAP_MARGIN,
    )
    drawer = _Drawer(debate, setup, None)
    tried: list[DiagramOptions] = []

    def measure(view: DiagramOptions) -> tuple[float, float]:
        tried.append(view)
        return drawer.measure(view)

    options = DiagramOptions(titles_only=True)
    assert len(paginate(debate, options, setup, measure)) > 5
    whole = len(tried)
    tried.clear()
    assert paginate(debate, options, setup, measure, 3) is None
    assert len(tried) < whole * 0.85, (len(tried), whole)


def test_a_bounded_packing_stops_only_once_its_first_page_is_final() -> None:
    """Whether a plan is made again depends on its first page as packed (does it fit
    with the legend?), and a page may still join the first while there are at most
    JOIN_WINDOW pages: a packing bounded at one page stops as soon as the first page
    fits with the legend, else once a page has joined it."""
    pages = [Page(DiagramOptions(), None, f"p{n}", None) for n in range(6)]

    class Joins:  # only the fourth page fits with the first
        def __init__(self, alone: bool) -> None:
            self.alone = alone  # whether the first page fits alone with the legend
            self.tried = 0

        def fits(self, options: DiagramOptions, shows: str, *, first: bool) -> bool:
            assert shows == "p0"
            assert first
            return self.alone

        def together(self, first: Page, second: Page, legend: bool) -> Page | None:
            self.tried += 1
            if first.shows == "p0" and second.shows == "p3":
                return Page(first.options, None, "p0; p3", None)
            return None

    whole = _Planner.joined(Joins(False), pages)  # type: ignore[arg-type]
    assert [page.shows for page, _ in whole] == ["p0; p3", "p1", "p2", "p4", "p5"]
    assert _Planner.joined(Joins(False), pages, 5) == whole  # type: ignore[arg-type]
    for alone, first, tried in ((False, "p0; p3", 7), (True, "p0", 1)):
        joins = Joins(alone)
        with pytest.raises(_Beyond) as stopped:
            _Planner.joined(joins, pages, 1)  # type: ignore[arg-type]
        assert stopped.value.first.shows == first
        assert joins.tried == tried
