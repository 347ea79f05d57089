"""Diagrams: golden DOT for every example and variant, real ``dot`` runs, outline numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.diagrams import _Drawer, blank_ids, page_setup, plan, render
from argmap.exporters.dot import export_dot
from argmap.exporters.options import ColorBy, DiagramOptions, RankDir, Reveal, Split
from argmap.exporters.style import Theme
from argmap.outline import outline
from argmap.paper import Paper
from tests.conftest import GOLDEN, ROOT, Golden

DEBATES = sorted((ROOT / "debates").glob("*.yaml"))
SVG = "{http://www.w3.org/2000/svg}"


def load(stem: str) -> argmap.Debate:
    return argmap.load(ROOT / "debates" / f"{stem}.yaml")


@pytest.mark.parametrize("theme", list(Theme))
@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
def test_golden_dot_per_theme(path: Path, theme: Theme, golden: Golden) -> None:
    text = export_dot(argmap.load(path), DiagramOptions(theme=theme))
    golden.check(GOLDEN / "dot" / f"{path.stem}.{theme}.dot", text)


VARIANTS: dict[str, tuple[str, DiagramOptions, dict[str, object]]] = {
    "focus": ("hikvision-2019", DiagramOptions(focus="uighur-surveillance", depth=1), {}),
    "actor": ("hikvision-2019", DiagramOptions(actor="treasury"), {}),
    "tag": ("hikvision-2019", DiagramOptions(tag="trade", rankdir=RankDir.LR), {}),
    "color-by-actor": ("hikvision-2019", DiagramOptions(color_by=ColorBy.ACTOR), {}),
    "color-by-position": ("school-phones", DiagramOptions(color_by=ColorBy.POSITION), {}),
    "split": ("hikvision-2019", DiagramOptions(), {"split": Split.POSITIONS}),
    "worksheet": ("school-phones", DiagramOptions(), {"worksheet": True}),
    "reveal": ("school-phones", DiagramOptions(wrap=24), {"reveal": True}),
    "reveal-options": ("school-phones", DiagramOptions(), {"reveal": Reveal.OPTIONS}),
    "long-edges": ("hikvision-2019", DiagramOptions(long_edges=True), {}),
    "position-2": ("hikvision-2019", DiagramOptions(position="magnitsky"), {}),
    "status": (
        "hikvision-2019",
        DiagramOptions(color_by=ColorBy.STATUS, strengths=True, perspective="treasury"),
        {},
    ),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_golden_dot_variants(variant: str, golden: Golden) -> None:
    stem, options, extra = VARIANTS[variant]
    debate = load(stem)
    for drawing in plan(debate, options, **extra):  # type: ignore[arg-type]
        text = export_dot(debate, drawing.options)
        golden.check(GOLDEN / "dot" / f"{stem}.{variant}{drawing.suffix}.dot", text)


PAGED = {
    "a4": ("hikvision-2019", DiagramOptions(), Paper.A4, False),
    "letter": ("hikvision-2019", DiagramOptions(theme=Theme.PRINT), Paper.LETTER, False),
    "worksheet-a4": ("school-phones", DiagramOptions(theme=Theme.PRINT), Paper.A4, True),
}


@pytest.mark.parametrize("variant", list(PAGED))
def test_golden_dot_of_every_page(variant: str, golden: Golden) -> None:
    """The pages a map is split into, each page's DOT (what it shows, its caption, its
    page references); the split itself is decided by laying pages out with dot."""
    stem, options, paper, worksheet = PAGED[variant]
    debate = load(stem)
    setup = page_setup(options.theme, paper)
    drawer = _Drawer(debate, setup, None)
    drawings = plan(debate, options, worksheet=worksheet, setup=setup)
    by_suffix = {d.suffix: d for d in drawings}
    made = set()
    for drawing in drawings:
        for n, page in enumerate(drawer.pages(drawing, by_suffix), 1):
            name = f"{stem}.{variant}{drawing.suffix}-p{n}.dot"
            golden.check(GOLDEN / "pages" / name, export_dot(debate, page))
            made.add(name)
    # a page the plan no longer makes leaves no golden behind that nothing compares
    stale = {f.name for f in (GOLDEN / "pages").glob(f"{stem}.{variant}*-p*.dot")} - made
    if golden.regen:
        for name in stale:
            (GOLDEN / "pages" / name).unlink()
    else:
        assert not stale, f"goldens of pages no longer made: {sorted(stale)}; run pytest --regen"


def test_golden_svg_of_a_reveal_step_and_a_worksheet(tmp_path: Path, golden: Golden) -> None:
    """Graphviz's SVG after argmap's accessibility pass: a step of a reveal (later nodes
    absent), a worksheet and its key."""
    debate = load("school-phones")
    # at 5 pt the whole map prints on one A4 page: the reveal is one layout, not a deck
    render(debate, [tmp_path / "steps.svg"], reveal=Reveal.OPTIONS, min_text=5)
    golden.check(
        GOLDEN / "svg" / "school-phones.reveal-step1.svg", _text(tmp_path / "steps-step1.svg")
    )
    render(debate, [tmp_path / "sheet.svg"], worksheet=True)
    golden.check(GOLDEN / "svg" / "school-phones.worksheet.svg", _text(tmp_path / "sheet.svg"))
    golden.check(
        GOLDEN / "svg" / "school-phones.worksheet-key.svg", _text(tmp_path / "sheet-key.svg")
    )


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_export_is_deterministic() -> None:
    debate = load("hikvision-2019")
    assert export_dot(debate) == export_dot(load("hikvision-2019"))


def test_outline_numbers() -> None:
    tree = outline(load("hikvision-2019"))
    assert tree.numbers["blacklist"] == "1"
    assert tree.numbers["uighur-surveillance"] == "1.1"
    assert tree.numbers["role-in-xinjiang"] == "1.1.1"
    assert tree.numbers["trade-war-motive"] == "1.1.3"  # undercuts 1.1: numbered beneath it
    assert tree.numbers["escalation-costs"] == "3.1.1.1"
    assert tree.order()[:3] == ["blacklist", "uighur-surveillance", "role-in-xinjiang"]


def test_every_node_shows_its_number_and_a_marker_besides_colour() -> None:
    debate = load("hikvision-2019")
    text = export_dot(debate, DiagramOptions(theme=Theme.PRINT))
    for ident, number in outline(debate).numbers.items():
        assert f"<B>{number}</B>" in text, ident
    assert "PRO +" in text
    assert "CON −" in text
    assert "UNDERCUT ⊘" in text
    assert 'style="dashed"' in text  # attacks, even in greyscale
    assert 'style="dotted"' in text  # undercuts


def test_filters_say_what_they_leave_out() -> None:
    text = export_dot(load("hikvision-2019"), DiagramOptions(actor="treasury"))
    assert "Showing 2 of 19 arguments (arguments by treasury)" in text
    assert "more beneath" in text


def test_worksheet_blanks_counterarguments_and_keeps_numbers() -> None:
    debate = load("school-phones")
    blanks = blank_ids(debate, "counterarguments")
    assert blanks == {
        "family-contact",
        "enforcement-burden",
        "bullying-moves",
        "inconsistent-rules",
        "survey-split",
        "school-devices",
    }
    # the answers to two of them stay: a student answers an objection that is there
    counter = {a.id for a in debate.arguments if not a.supports}
    assert counter - blanks == {"school-hours-matter", "office-phone"}
    # for one option and against another: its marker says PRO +, so it is no objection
    assert {"learning-tool", "breaks-social"}.isdisjoint(blanks)
    assert "<B>3.1</B>  PRO +" in export_dot(debate)
    sheet, key = plan(debate, DiagramOptions(), worksheet=True)
    text = export_dot(debate, sheet.options)
    assert "A ban moves bullying" not in text
    assert "<B>1.2.1</B>  CON −  ✎" in text
    assert (
        "In each box marked ✎, write the strongest argument its line in italics asks for: "
        "here, the objections." in text
    )
    assert (
        '<I>Write an objection to 1.2:</I><BR ALIGN="LEFT"/><I>why it may not be true.</I>' in text
    )
    assert ">Name<" in text
    assert ">Class<" in text
    assert ">Date<" in text
    answers = export_dot(debate, key.options)
    assert "A ban moves bullying" in answers
    assert "ANSWER KEY" in answers


@pytest.fixture
def rendered(tmp_path: Path) -> Path:
    debate = load("hikvision-2019")
    render(debate, [tmp_path / "map.svg", tmp_path / "map.png", tmp_path / "map.pdf"])
    return tmp_path


def test_real_dot_writes_valid_files_and_nothing_else(rendered: Path) -> None:
    assert sorted(p.name for p in rendered.iterdir()) == ["map.pdf", "map.png", "map.svg"]
    assert (rendered / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (rendered / "map.pdf").read_bytes()[:5] == b"%PDF-"


def test_svg_is_accessible_and_has_every_text_once(rendered: Path) -> None:
    debate = load("hikvision-2019")
    root = ET.parse(rendered / "map.svg").getroot()
    assert root.find(f"{SVG}g/{SVG}title").text == debate.title  # type: ignore[union-attr]
    descriptions = [d.text or "" for d in root.iter(f"{SVG}desc")]
    texts = {p.id: p.text for p in debate.positions} | {a.id: a.text for a in debate.arguments}
    for ident, text in texts.items():
        assert descriptions.count(text.strip()) == 1, ident
    links = {a.get("{http://www.w3.org/1999/xlink}href") for a in root.iter(f"{SVG}a")}
    expected = {f"#arg-{a.id}" for a in debate.arguments} | {
        f"#pos-{p.id}" for p in debate.positions
    }
    assert expected <= links
    assert links - {None} <= expected


def test_reveal_as_one_pdf_has_a_page_per_level(tmp_path: Path) -> None:
    from pypdf import PdfReader

    debate = load("school-phones")
    render(debate, [tmp_path / "steps.pdf"], reveal=True, min_text=5)  # one A4 page
    levels = max(outline(debate).depth(i) for i in outline(debate).numbers)
    assert len(PdfReader(tmp_path / "steps.pdf").pages) == levels


def test_a_screen_map_too_large_to_print_warns_and_says_to_write_a_pdf(tmp_path: Path) -> None:
    debate = load("hikvision-2019")
    whole = render(debate, [tmp_path / "whole.svg"], DiagramOptions(wrap=60))  # wide nodes
    assert len(whole.warnings) == 1
    assert whole.warnings[0].startswith("whole.svg: printed on one A4 page its text would be ")
    assert whole.warnings[0].endswith(
        "below 9 pt; nothing was left out. To print it, write a .pdf: it is split over pages "
        "that print readably"
    )
    part = render(debate, [tmp_path / "part.svg"], DiagramOptions(position="magnitsky"))
    assert part.warnings == ()


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
def test_committed_exports_are_up_to_date(path: Path) -> None:
    """exports/ holds what ./run build writes; its DOT must match the current exporter."""
    committed = ROOT / "exports" / f"{path.stem}.dot"
    assert committed.read_text(encoding="utf-8") == export_dot(argmap.load(path)), (
        "exports/ is stale: run ./run build and commit the result"
    )


def test_the_example_maps_print_readably_on_paper(tmp_path: Path) -> None:
    """Every example in every theme, as a PDF: split where it must be, never a warning."""
    for stem in ("hikvision-2019", "school-phones"):
        for theme in Theme:
            options = DiagramOptions(theme=theme)
            result = render(load(stem), [tmp_path / f"{stem}.{theme}.pdf"], options)
            assert result.warnings == (), (stem, theme)


def test_the_committed_worksheet_page_is_up_to_date() -> None:
    """exports/school-phones.worksheet-p1.png (in docs/diagrams.md) is what
    scripts/worksheet_page.py writes: page 1 of the A4 worksheet."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("page", ROOT / "scripts" / "worksheet_page.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.first_page(ROOT / "debates" / "school-phones.yaml")
    committed = (ROOT / "exports" / "school-phones.worksheet-p1.png").read_bytes()
    assert committed == fresh, (
        "exports/ is stale: run scripts/worksheet_page.py debates/school-phones.yaml "
        "exports/school-phones.worksheet-p1.png"
    )
