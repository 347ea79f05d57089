"""Maps on real paper, checked by reading the PDFs and PNGs back: every page's size (pypdf),
the printed size of the body text (from the text's own transformation in the PDF), the
pages a map is split into and what they say about each other, worksheets a hand can
write on, and a reveal that never moves."""

from __future__ import annotations

import itertools
import re
import struct
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader

import argmap
from argmap.diagrams import _Drawer, page_setup, plan, render
from argmap.errors import UsageError
from argmap.exporters.dot import export_dot
from argmap.exporters.options import DiagramOptions, Reveal
from argmap.exporters.selection import select
from argmap.exporters.style import LOOKS, Theme
from argmap.index import index
from argmap.paper import MIN_TEXT, POINTS_PER_MM, SIZES, Orientation, Paper
from tests.conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"


def load(stem: str) -> argmap.Debate:
    return argmap.load(ROOT / "debates" / f"{stem}.yaml")


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(pdf).pages]


def printed_text(pdf: Path) -> list[list[tuple[str, float, float]]]:
    """Each page's text runs: (text, size in the drawing, size as printed), read from the
    PDF's text and transformation matrices."""
    pages: list[list[tuple[str, float, float]]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            drawn = size * abs(tm[3])
            pages[-1].append((text, drawn, drawn * abs(cm[3])))

    for page in PdfReader(pdf).pages:
        pages.append([])
        page.extract_text(visitor_text=visit)
    return pages


def body_sizes(pdf: Path, theme: Theme) -> list[float]:
    """The printed size of the body text (the theme's node text) on each page."""
    font = LOOKS[theme].font_size
    sizes = []
    for runs in printed_text(pdf):
        body = [printed for _, drawn, printed in runs if abs(drawn - font) < 0.01]
        assert body, "a page without body text"
        sizes.append(min(body))
    return sizes


# -- page sizes ------------------------------------------------------------------------


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("orientation", list(Orientation))
def test_every_pdf_page_is_exactly_its_paper(
    tmp_path: Path, paper: Paper, orientation: Orientation
) -> None:
    target = tmp_path / "map.pdf"
    render(load("hikvision-2019"), [target], paper=paper, orientation=orientation)
    short, long_ = SIZES[paper]
    portrait, landscape = (short, long_), (long_, short)
    if paper is Paper.SLIDE and orientation is not Orientation.PORTRAIT:
        allowed = {landscape}
    else:
        allowed = {
            Orientation.PORTRAIT: {portrait},
            Orientation.LANDSCAPE: {landscape},
            Orientation.AUTO: {portrait, landscape},
        }[orientation]
    sizes = page_sizes(target)
    assert len(sizes) > 1  # the Hikvision map is split on every paper
    for width, height in sizes:
        assert any(abs(width - w) < 0.01 and abs(height - h) < 0.01 for w, h in allowed)


def test_paper_sizes_are_the_standard_ones() -> None:
    mm = POINTS_PER_MM
    assert SIZES[Paper.A4] == pytest.approx((210 * mm, 297 * mm), abs=0.01)
    assert SIZES[Paper.A3] == pytest.approx((297 * mm, 420 * mm), abs=0.01)
    assert SIZES[Paper.LETTER] == (8.5 * 72, 11 * 72)
    assert SIZES[Paper.SLIDE][1] / SIZES[Paper.SLIDE][0] == pytest.approx(16 / 9)


def test_themes_choose_their_paper(tmp_path: Path) -> None:
    debate = load("school-phones")
    render(debate, [tmp_path / "print.pdf"], DiagramOptions(theme=Theme.PRINT))
    short, long_ = SIZES[Paper.A4]
    for width, height in page_sizes(tmp_path / "print.pdf"):  # portrait, every page
        assert abs(width - short) < 0.01
        assert abs(height - long_) < 0.01
    render(debate, [tmp_path / "projector.pdf"], DiagramOptions(theme=Theme.PROJECTOR))
    assert set(page_sizes(tmp_path / "projector.pdf")) == {(960.0, 540.0)}
    setup = page_setup(Theme.DEFAULT)
    assert (setup.paper, setup.orientation, setup.min_text) == (Paper.A4, None, 9.0)


# -- printed text size -------------------------------------------------------------------


@pytest.mark.parametrize("stem", ["hikvision-2019", "school-phones"])
@pytest.mark.parametrize("theme", list(Theme))
def test_body_text_prints_at_the_minimum_or_larger(tmp_path: Path, stem: str, theme: Theme) -> None:
    target = tmp_path / "map.pdf"
    result = render(load(stem), [target], DiagramOptions(theme=theme))
    assert result.warnings == ()
    for n, size in enumerate(body_sizes(target, theme), 1):
        assert size >= MIN_TEXT - 0.01, f"page {n} prints at {size:.2f} pt"


def _text_starts(page: PageObject) -> list[tuple[float, float]]:
    """Where each run of text starts on the page, in points."""
    spots: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            spots.append(
                (cm[0] * tm[4] + cm[2] * tm[5] + cm[4], cm[1] * tm[4] + cm[3] * tm[5] + cm[5])
            )

    page.extract_text(visitor_text=visit)
    return spots


@pytest.mark.parametrize("stem", ["hikvision-2019", "school-phones"])
def test_every_link_of_a_printed_map_is_over_its_box_and_goes_to_its_page(
    tmp_path: Path, stem: str
) -> None:
    """A box's link is where the box is printed (moved and scaled with the drawing: 5 of
    Hikvision's 33 were over nothing) and goes to the page that draws its element in
    full (it went to ``#arg-ID``, a place in a brief, nowhere in a PDF); a link to its
    own page is left out."""
    target = tmp_path / "map.pdf"
    render(load(stem), [target], DiagramOptions(theme=Theme.PRINT))
    pages = PdfReader(target).pages
    number = {}
    for n, page in enumerate(pages, 1):
        assert page.indirect_reference is not None
        number[page.indirect_reference.idnum] = n
    links = 0
    for n, page in enumerate(pages, 1):
        spots = _text_starts(page)
        for link in (a.get_object() for a in page.get("/Annots") or []):
            links += 1
            assert link["/A"]["/S"] == "/GoTo"
            goes = number[link["/A"]["/D"][0].idnum]
            assert goes != n
            x_1, y_1, x_2, y_2 = (float(v) for v in link["/Rect"])
            left, right, bottom, top = min(x_1, x_2), max(x_1, x_2), min(y_1, y_2), max(y_1, y_2)
            assert any(
                left - 1 <= x <= right + 1 and bottom - 1 <= y <= top + 1 for x, y in spots
            ), f"page {n}: the link to page {goes} is over no text"
    assert links  # "see 3.1 (p. 4)" and the options' boxes, at least


def test_the_minimum_text_size_decides_how_many_pages(tmp_path: Path) -> None:
    debate = load("hikvision-2019")
    counts = {}
    for min_text in (5.0, 9.0, 11.0):
        target = tmp_path / f"map{min_text:g}.pdf"
        result = render(debate, [target], min_text=min_text)
        counts[min_text] = len(page_sizes(target))
        assert min(body_sizes(target, Theme.DEFAULT)) >= min_text - 0.01 or result.warnings
    assert counts[5.0] < counts[9.0] <= counts[11.0]


def test_a_page_that_cannot_print_large_enough_is_named_in_a_warning(tmp_path: Path) -> None:
    target = tmp_path / "map.pdf"
    result = render(load("hikvision-2019"), [target], DiagramOptions(wrap=80), min_text=20)
    assert result.warnings
    sizes = body_sizes(target, Theme.DEFAULT)
    small = [n for n, size in enumerate(sizes, 1) if size < 20 - 0.01]
    assert small
    total = len(sizes)
    for n in small:
        assert any(
            w.startswith(f"map.pdf: page {n} of {total} prints its text at ")
            for w in result.warnings
        ) or (total == 1 and any("its one page" in w for w in result.warnings))
    assert all("--min-text" in w and "nothing was left out" in w for w in result.warnings)


def test_min_text_out_of_range_is_refused() -> None:
    with pytest.raises(UsageError, match="--min-text must be from 4 to 72 points"):
        page_setup(Theme.DEFAULT, min_text=2)


# -- split over pages ----------------------------------------------------------------------


def pages_of(
    debate: argmap.Debate, options: DiagramOptions, paper: Paper = Paper.A4
) -> list[DiagramOptions]:
    drawer = _Drawer(debate, page_setup(options.theme, paper), None)
    drawings = plan(debate, options)
    return drawer.pages(drawings[0], {d.suffix: d for d in drawings})


def test_every_argument_is_on_a_page_and_every_page_says_where_the_rest_is() -> None:
    debate = load("hikvision-2019")
    tree = index(debate).tree
    pages = pages_of(debate, DiagramOptions())
    total = len(pages)
    assert total > 1
    drawn: dict[str, set[int]] = {}  # element -> the pages it is drawn in full on
    for n, page in enumerate(pages, 1):
        assert page.caption is not None
        assert page.caption.startswith(f"Page {n} of {total}: ")
        assert (n == 1) == ("continued from page" not in page.caption)
        selection = select(debate, tree, page)
        for ident in selection.shown - selection.context:
            drawn.setdefault(ident, set()).add(n)
    assert set(drawn) == set(tree.numbers)  # nothing lost
    names = index(debate).by_name
    for n, page in enumerate(pages, 1):
        text = export_dot(debate, page)
        # "see 3.1 … (p. 7)": the argument is drawn in full on page 7
        for name, words in re.findall(r'id="see-(\w+)-\d+".*?label=<([^>]*)>', text):
            found = re.search(r"\(p\. (\d+)\)$", words)
            target = names[name]
            if found is None:
                assert n in drawn[target], words
            else:
                assert int(found[1]) in drawn[target], words
        # "+4 more beneath 1.3 (p. 5, 6)": pages 5 and 6 draw what is beneath 1.3
        for number, where in re.findall(r"more beneath ([\d.]+) \(p\. ([\d, ]+)\)", text):
            ident = next(i for i, num in tree.numbers.items() if num == number)
            listed = {int(w) for w in where.split(", ")}
            for kid in tree.children[ident]:
                assert drawn[kid] & (listed | {n}), (number, where)


def test_a_split_page_has_the_legend_first_and_signposts_for_its_context() -> None:
    debate = load("hikvision-2019")
    pages = pages_of(debate, DiagramOptions())
    texts = [export_dot(debate, page) for page in pages]
    assert "<B>Legend</B>" in texts[0]
    assert all("<B>Legend</B>" not in text for text in texts[1:])
    deep = next(
        p for p in pages if any(root == "uighur-surveillance" for root, _ in p.branches or ())
    )
    text = export_dot(debate, deep)
    assert "Question: Should the US administration blacklist" in text
    assert re.search(r"<B>1</B>  OPTION  Blacklist now \(p\. \d+\)", text)


def test_png_pages_are_exactly_the_paper_at_the_dpi(tmp_path: Path) -> None:
    target = tmp_path / "map.png"
    result = render(load("hikvision-2019"), [target], paper=Paper.A4, dpi=100)
    written = sorted(result.written)
    assert len(written) > 1
    assert written[0].name == "map-p1.png"
    short, long_ = (round(side / 72 * 100) for side in SIZES[Paper.A4])
    for path in written:
        data = path.read_bytes()
        size = struct.unpack(">II", data[16:24])
        assert size in ((short, long_), (long_, short)), path.name


def test_a_png_of_one_page_keeps_its_name(tmp_path: Path) -> None:
    target = tmp_path / "map.png"
    debate = load("hikvision-2019")
    result = render(debate, [target], DiagramOptions(position="magnitsky"), paper=Paper.LETTER)
    assert result.written == (target,)
    data = target.read_bytes()
    assert struct.unpack(">II", data[16:24]) in ((816, 1056), (1056, 816))


def test_paper_is_only_for_pdf_and_png(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"--paper and --orientation are for \.pdf and \.png"):
        render(load("school-phones"), [tmp_path / "map.svg"], paper=Paper.A3)
    assert not (tmp_path / "map.svg").exists()


# -- worksheets ------------------------------------------------------------------------------


def node_boxes(svg: bytes) -> dict[str, str]:
    """Each node's drawn outline (its first path or polygon), by node title."""
    root = ET.fromstring(svg)
    boxes = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "node":
            continue
        title = group.find(f"{SVG}title")
        shape = next((e for e in group.iter() if e.tag in (f"{SVG}path", f"{SVG}polygon")), None)
        if title is not None and shape is not None:
            boxes[title.text or ""] = shape.get("d") or shape.get("points") or ""
    return boxes


def layout(source: str) -> bytes:
    return subprocess.run(
        ["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=True
    ).stdout


def test_worksheet_and_key_have_the_same_layout_page_for_page() -> None:
    debate = load("school-phones")
    for theme in (Theme.DEFAULT, Theme.PRINT):
        drawer = _Drawer(debate, page_setup(theme), None)
        drawings = plan(debate, DiagramOptions(theme=theme), worksheet=True)
        by_suffix = {d.suffix: d for d in drawings}
        sheets = drawer.pages(by_suffix[""], by_suffix)
        keys = drawer.pages(by_suffix["-key"], by_suffix)
        assert len(sheets) == len(keys) > 1
        for sheet, key in zip(sheets, keys, strict=True):
            assert sheet.sheet is not None
            assert key.sheet is not None
            assert (sheet.sheet.key, key.sheet.key) == (False, True)
            sheet_svg = layout(export_dot(debate, sheet))
            key_svg = layout(export_dot(debate, key))
            assert node_boxes(sheet_svg) == node_boxes(key_svg)
            size = re.compile(rb'<svg width="[^"]*" height="[^"]*"')
            assert size.search(sheet_svg)[0] == size.search(key_svg)[0]  # type: ignore[index]


def writing_lines(svg: bytes) -> list[tuple[float, float, float]]:
    """The writing lines of a worksheet's blanks: (y, x from, x to), in drawing points."""
    lines = []
    for points in re.findall(rb'<polyline fill="none" stroke="#[0-9a-f]{6}" points="([^"]+)"', svg):
        (x1, y1), (x2, y2) = (tuple(map(float, p.split(b","))) for p in points.split())
        if y1 == y2:
            lines.append((y1, x1, x2))
    return lines


@pytest.mark.parametrize("theme", [Theme.DEFAULT, Theme.PRINT])
@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER])
def test_blanks_are_big_enough_to_write_in_by_hand(theme: Theme, paper: Paper) -> None:
    """At least 8 mm between writing lines and 5.5 cm of line, as printed."""
    debate = load("school-phones")
    setup = page_setup(theme, paper)
    drawer = _Drawer(debate, setup, None)
    drawings = plan(debate, DiagramOptions(theme=theme), worksheet=True, setup=setup)
    sheets = drawer.pages(drawings[0], {d.suffix: d for d in drawings})
    checked = 0
    for page in sheets:
        svg = layout(export_dot(debate, replace(page, pad=0)))
        scale = drawer.fit(*drawer.measure(page), page).scale
        groups: dict[tuple[float, float], list[float]] = {}
        for y, x1, x2 in writing_lines(svg):
            groups.setdefault((x1, x2), []).append(y)
        for (x1, x2), ys in groups.items():
            if len(ys) < 3:  # the name, class and date lines
                continue
            assert (x2 - x1) * scale >= 55 * POINTS_PER_MM - 0.01
            ys.sort()
            for upper, lower in itertools.pairwise(ys):
                assert (lower - upper) * scale >= 8 * POINTS_PER_MM - 0.01
                checked += 1
    assert checked >= 12  # 6 blanks of at least three lines: two gaps each


def test_blank_all_never_blanks_the_options_and_naming_one_is_refused() -> None:
    from argmap.diagrams import blank_ids, check_options

    debate = load("school-phones")
    blank = blank_ids(debate, "all")
    assert blank == {a.id for a in debate.arguments}
    with pytest.raises(UsageError, match="'full-ban' is an option: a worksheet never blanks"):
        check_options(debate, DiagramOptions(blank=frozenset({"full-ban", "bullying"})))


def test_worksheet_pdfs_are_paged_alike(tmp_path: Path) -> None:
    debate = load("school-phones")
    result = render(debate, [tmp_path / "sheet.pdf"], worksheet=True, paper=Paper.A4)
    assert result.warnings == ()
    sheet, key = page_sizes(tmp_path / "sheet.pdf"), page_sizes(tmp_path / "sheet-key.pdf")
    assert sheet == key
    first = "".join(text for text, _, _ in printed_text(tmp_path / "sheet.pdf")[0])
    for word in ("Name", "Class", "Date"):
        assert word in first
    assert "write the strongest argument its line in italics asks for: here, the" in first
    key_text = " ".join(text for text, _, _ in printed_text(tmp_path / "sheet-key.pdf")[0])
    assert "ANSWER KEY" in key_text


# -- reveal ------------------------------------------------------------------------------------


@pytest.mark.parametrize("order", list(Reveal))
def test_a_reveal_keeps_one_layout_and_one_page_size(tmp_path: Path, order: Reveal) -> None:
    debate = load("school-phones")
    options = DiagramOptions(theme=Theme.PROJECTOR)
    steps = plan(debate, options, reveal=order)
    tree = index(debate).tree
    expected = (
        max(tree.depth(i) for i in tree.numbers)
        if order is Reveal.LEVELS
        else len(debate.positions)
    )
    assert len(steps) == expected
    svgs = [layout(export_dot(debate, step.options)) for step in steps]
    boxes = [node_boxes(svg) for svg in svgs]
    size = re.compile(rb'<svg width="[^"]*" height="[^"]*"')
    for n, (svg, drawn) in enumerate(zip(svgs, boxes, strict=True), 1):
        assert size.search(svg)[0] == size.search(svgs[-1])[0]  # type: ignore[index]
        for name, box in drawn.items():
            assert boxes[-1].get(name) == box, f"{name} moved at step {n}"
        assert len(drawn) < len(boxes[-1]) or n == len(svgs)
    # later steps reveal more, and the last shows everything
    assert [len(s.options.visible or ()) for s in steps] == sorted(
        len(s.options.visible or ()) for s in steps
    )
    assert steps[-1].options.visible == frozenset(tree.numbers)
    if order is Reveal.OPTIONS:
        first = steps[0].options.visible or frozenset()
        assert first == frozenset(tree.subtree(debate.positions[0].id))
    target = tmp_path / "steps.pdf"
    render(debate, [target], replace(options, theme=Theme.DEFAULT), reveal=order, min_text=5)
    sizes = page_sizes(target)
    assert len(sizes) == len(steps)  # the whole map on one A4 page at 5 pt: not a deck
    assert len(set(sizes)) == 1


def test_a_later_step_is_invisible_and_not_read_out(tmp_path: Path) -> None:
    debate = load("school-phones")
    # at 5 pt the whole map prints on one A4 page: the reveal is one layout, not a deck
    result = render(debate, [tmp_path / "s.svg"], reveal=Reveal.OPTIONS, min_text=5)
    first = (tmp_path / "s-step1.svg").read_bytes()
    assert b"Ban in lessons" not in first  # option 2 comes at step 2
    assert b"Phones stay switched off" not in first
    assert b"Ban all day" in first
    # a later step's nodes are not in the drawing at all: nothing to see or read out
    later = {p.id for p in debate.positions[1:]}
    tree = index(debate).tree
    hidden = {i for p in later for i in tree.subtree(p)}
    names = index(debate).names
    for ident in hidden:
        assert f'id="map-{names[ident]}"'.encode() not in first
    assert len(result.written) == len(debate.positions)


def test_an_option_with_too_many_arguments_for_a_page_is_printed_in_parts(
    tmp_path: Path,
) -> None:
    """A fan of 16 arguments fits A4 neither across nor down at 9 pt: parts of it go on
    pages of their own, each named, and each counts the rest with their pages."""
    arguments = [
        {
            "id": f"reason-{n}",
            "title": f"Reason number {n}",
            "text": "A reason of some length, so that its box takes the room real ones do.",
            "supports" if n % 3 else "attacks": ["yes"],
        }
        for n in range(1, 17)
    ]
    raw = {
        "argmap": 1,
        "id": "wide",
        "title": "A wide fan",
        "question": "Should it?",
        "positions": [{"id": "yes", "text": "Yes."}, {"id": "no", "text": "No."}],
        "arguments": arguments,
    }
    debate = argmap.Debate.model_validate(raw)
    pages = pages_of(debate, DiagramOptions(position="yes"))
    captions = [p.caption or "" for p in pages]
    assert len(pages) >= 2
    assert all(", part " in c for c in captions)
    tree = index(debate).tree
    drawn = set()
    for page in pages:
        selection = select(debate, tree, page)
        drawn |= selection.shown - selection.context
    assert {a["id"] for a in arguments} <= drawn
    first = export_dot(debate, pages[0])
    assert re.search(r"more beneath 1 \(p\. [\d, ]+\)", first)
    target = tmp_path / "wide.pdf"
    result = render(debate, [target], DiagramOptions(position="yes"))
    assert result.warnings == ()
    assert min(body_sizes(target, Theme.DEFAULT)) >= MIN_TEXT - 0.01
