"""`argmap brief -o NAME.docx`: a brief an analyst can edit in Word, read back with
python-docx: Word's heading styles in the HTML brief's order, real tables with the HTML
brief's cells, the map as pictures at the size they print, numbered references, and the
marks of what argmap computed."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph
from typer.testing import CliRunner

import argmap
from argmap.briefing import paper_map, write_brief
from argmap.cli import app
from argmap.exporters.brief import export_html
from argmap.exporters.brief_docx import text_of
from argmap.paper import SIZES, Paper
from tests.conftest import ROOT

EXAMPLES = ("hikvision-2019", "school-phones", "uk-5g-huawei-2020")
EMU_PER_POINT = 12700


def example(stem: str) -> argmap.Debate:
    return argmap.load(ROOT / "debates" / f"{stem}.yaml")


class _Outline(HTMLParser):
    """The HTML brief's section headings (h2) and its tables' cells, as printed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.tables: list[list[list[str]]] = []
        self.markup: list[str] | None = None  # the current heading's or cell's HTML
        self.row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.row = []
        elif tag in ("h2", "td", "th") and (tag == "h2" or self.row is not None):
            self.markup = []
        elif self.markup is not None:
            shown = " ".join(f'{k}="{v}"' for k, v in attrs if v is not None)
            self.markup.append(f"<{tag} {shown}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self.markup is not None:
            self.headings.append(text_of("".join(self.markup)))
            self.markup = None
        elif tag in ("td", "th") and self.markup is not None and self.row is not None:
            self.row.append(text_of("".join(self.markup)))
            self.markup = None
        elif tag == "tr" and self.row is not None:
            self.tables[-1].append(self.row)
            self.row = None
        elif self.markup is not None:
            self.markup.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.markup is not None:
            self.markup.append(data.replace("&", "&amp;").replace("<", "&lt;"))


def html_outline(debate: argmap.Debate) -> _Outline:
    reader = _Outline()
    reader.feed(export_html(debate))
    reader.close()
    return reader


def word(path: Path) -> docx.document.Document:
    return docx.Document(str(path))


def style_of(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


@pytest.mark.parametrize("stem", EXAMPLES)
def test_the_word_brief_has_the_html_briefs_headings_and_tables(tmp_path: Path, stem: str) -> None:
    debate = example(stem)
    target = tmp_path / "brief.docx"
    result = write_brief(debate, target)
    assert result.written == (target,)
    document = word(target)
    styles = [(style_of(p), p.text) for p in document.paragraphs]
    assert styles[0][0] == "Title" or styles[1][0] == "Title"  # after a handling mark
    sections = [text for style, text in styles if style == "Heading 1"]
    html = html_outline(debate)
    assert sections == html.headings  # the navigation pane's outline, in order
    cells = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    assert cells == html.tables


def test_the_map_is_pictures_at_the_size_they_print(tmp_path: Path) -> None:
    debate = example("hikvision-2019")
    for paper in (Paper.A4, Paper.LETTER):
        target = tmp_path / f"brief-{paper.value}.docx"
        write_brief(debate, target, paper=paper)
        document = word(target)
        section = document.sections[0]
        width, height = SIZES[paper]
        assert section.page_width is not None
        assert section.page_height is not None
        assert abs(section.page_width / EMU_PER_POINT - width) < 1
        assert abs(section.page_height / EMU_PER_POINT - height) < 1
        assert section.left_margin is not None
        assert section.right_margin is not None
        room = (section.page_width - section.left_margin - section.right_margin) / EMU_PER_POINT
        drawn = paper_map(debate, paper)
        shapes = document.inline_shapes
        assert len(shapes) == len(drawn.views)
        for shape, view in zip(shapes, drawn.views, strict=True):
            w, h = drawn.drawer.measure(view)
            assert abs(shape.width / EMU_PER_POINT - w) < 1  # never scaled: 9 pt stays 9 pt
            assert abs(shape.height / EMU_PER_POINT - h) < 1
            assert shape.width / EMU_PER_POINT <= room
        texts = [p.text for p in document.paragraphs]
        assert drawn.note in texts  # what the printed map shows and leaves out


def test_references_are_a_numbered_list_and_computed_parts_say_so(tmp_path: Path) -> None:
    debate = example("hikvision-2019")
    target = tmp_path / "brief.docx"
    write_brief(debate, target)
    paragraphs = word(target).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "References")
    end = next(i for i, p in enumerate(paragraphs) if p.text == "Appendix: the map")
    numbered = [p for p in paragraphs[start:end] if style_of(p) == "List Number"]
    assert len(numbered) == len({e.source for a in debate.arguments for e in a.evidence})
    text = "\n".join(p.text for p in paragraphs)
    assert "Computed by argmap: " in text
    assert "Computed by argmap from the map, not a recommendation." in text
    assert "Written by the author of the debate, not computed by argmap" in text


def test_text_word_cannot_hold_is_replaced_not_fatal(tmp_path: Path) -> None:
    """The loader refuses control characters (E109); a debate built by a program may still
    hold one, and Word's XML cannot: it becomes U+FFFD, and markup stays text."""
    debate = example("school-phones").model_copy(update={"title": "Bell \a and <w:t> & tab"})
    target = tmp_path / "brief.docx"
    write_brief(debate, target)
    document = word(target)
    titles = [p.text for p in document.paragraphs if style_of(p) == "Title"]
    assert titles == ["Bell \ufffd and <w:t> & tab"]


def test_a_word_brief_to_standard_output_and_its_refusals(tmp_path: Path) -> None:
    school = str(ROOT / "debates" / "school-phones.yaml")
    done = CliRunner().invoke(app, ["brief", school, "-o", "-", "--format", "docx"])
    assert done.exit_code == 0
    assert docx.Document(io.BytesIO(done.stdout_bytes)).paragraphs
    (tmp_path / "mine").mkdir()
    done = CliRunner().invoke(
        app, ["brief", school, "-o", str(tmp_path / "b.docx"), "--template", str(tmp_path)]
    )
    assert (done.exit_code, done.stderr) == (
        2,
        "Error: --template is for HTML and PDF briefs: a Word brief has Word's styles\n",
    )
    assert not (tmp_path / "b.docx").exists()
