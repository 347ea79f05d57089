"""Briefs: golden HTML and Markdown, the safety of what lands in them, their structure."""

from __future__ import annotations

import json
import os
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import argmap
from argmap.briefing import write_brief
from argmap.diagrams import draw
from argmap.exporters.brief import export_html
from argmap.exporters.brief_markdown import export_markdown
from tests.conftest import GOLDEN, ROOT, Golden
from tests.strategies import characters, debate_with

DEBATES = sorted((ROOT / "debates").glob("*.yaml"))
VOID = {"meta", "br", "hr", "img", "input", "link", "source", "wbr", "area", "base", "col"}
# what markdown-it may add inside a text field (inline or block), beyond the template
MARKDOWN_TAGS = {
    "p",
    "em",
    "strong",
    "code",
    "a",
    "br",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "hr",
}
MARKDOWN_ATTRIBUTES = {"href", "title", "start"}


class Structure(HTMLParser):
    """Checks that every element is closed in order, and collects tags and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()
        self.hrefs: list[str] = []
        self.ids: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add((tag, name))
            if name in ("href", "xlink:href") and value is not None:
                self.hrefs.append(value)
            if name == "id" and value is not None:
                self.ids.append(value)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def structure(html: str) -> Structure:
    parser = Structure()
    parser.feed(html)
    parser.close()
    assert parser.problems == []
    assert parser.stack == []
    return parser


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
def test_golden_html_and_markdown(path: Path, golden: Golden) -> None:
    debate = argmap.load(path)
    golden.check(GOLDEN / "brief" / f"{path.stem}.html", export_html(debate))
    golden.check(GOLDEN / "brief" / f"{path.stem}.md", export_markdown(debate, f"{path.stem}.svg"))


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
def test_brief_with_map_is_well_formed_and_every_link_resolves(path: Path) -> None:
    debate = argmap.load(path)
    html = export_html(debate, draw(debate, "svg"))
    parsed = structure(html)
    internal = [h[1:] for h in parsed.hrefs if h.startswith("#")]
    assert set(internal) <= set(parsed.ids)
    for element in [*debate.arguments]:
        assert f"arg-{element.id}" in parsed.ids
        assert f"#arg-{element.id}" in parsed.hrefs  # the map links to it
    assert all(h.startswith(("#", "http://", "https://", "mailto:")) for h in parsed.hrefs)


def test_csp_comes_first_and_allows_only_the_brief_itself() -> None:
    html = export_html(argmap.load(ROOT / "debates" / "school-phones.yaml"))
    head = html.split("<head>", 1)[1].lstrip()
    assert head.startswith('<meta http-equiv="Content-Security-Policy" content="')
    policy = unescape(re.search(r'content="([^"]*)"', head).group(1))  # type: ignore[union-attr]
    assert policy.startswith("default-src 'none';")
    assert "'unsafe-inline'" not in policy
    assert "script-src 'sha256-" in policy
    assert "style-src 'sha256-" in policy
    assert "img-src data:" in policy


def test_author_fields_are_left_out_when_empty() -> None:
    debate = argmap.load(ROOT / "tests" / "zoo" / "valid-base.yaml")
    html = export_html(debate)
    assert "Bottom line" not in html
    assert "Recommendation" not in html
    assert "Options and criteria" not in html
    assert 'id="options"' in html


def test_the_comparison_table_is_left_out_when_no_option_is_assessed() -> None:
    debate = argmap.load(ROOT / "debates" / "school-phones.yaml")
    assert "Options and criteria" in export_html(debate)
    bare = debate.model_copy(
        update={"positions": [p.model_copy(update={"assessment": {}}) for p in debate.positions]}
    )
    assert bare.criteria  # the criteria are still listed, but no cell would be filled
    assert "Options and criteria" not in export_html(bare)
    assert "## Options and criteria" not in export_markdown(bare)
    assert "Criteria" in export_html(bare)


def test_markdown_links_only_to_the_web(tmp_path: Path) -> None:
    html = export_html(debate_with("[click](javascript:alert(1)) [ok](https://example.org)"))
    assert 'href="javascript' not in html
    assert '<a href="https://example.org">ok</a>' in html


def test_markdown_brief_writes_the_map_beside_it(tmp_path: Path) -> None:
    debate = argmap.load(ROOT / "debates" / "hikvision-2019.yaml")
    result = write_brief(debate, tmp_path / "brief.md")
    assert sorted(p.name for p in result.written) == ["brief.md", "brief.svg"]
    assert "![The map of this debate](<brief.svg>)" in (tmp_path / "brief.md").read_text()


def _baseline() -> Structure:
    """The tags and attributes of briefs of plain words: short, and long enough that the
    names made of them are shortened (the full name in the short one's title)."""
    plain = structure(export_html(debate_with("plain words")))
    shortened = structure(export_html(debate_with("word " * 30)))
    assert ("span", "title") in shortened.attributes  # (what the long one adds)
    plain.tags |= shortened.tags
    plain.attributes |= shortened.attributes
    return plain


BASELINE = _baseline()


@settings(max_examples=int(os.environ.get("ARGMAP_BRIEF_EXAMPLES", "60")), deadline=None)
@given(st.text(characters, min_size=1, max_size=120).filter(str.strip))
@example("0" * 57)  # a name shortened, in a word of its own (found by hypothesis)
def test_any_text_gives_a_well_formed_brief_of_the_same_shape(text: str) -> None:
    parsed = structure(export_html(debate_with(text)))
    assert parsed.tags <= BASELINE.tags | MARKDOWN_TAGS
    allowed = BASELINE.attributes | {(t, a) for t in MARKDOWN_TAGS for a in MARKDOWN_ATTRIBUTES}
    assert parsed.attributes <= allowed
    assert not any(name.startswith("on") for _, name in parsed.attributes)
    assert "script" not in parsed.tags - BASELINE.tags


def test_own_templates_are_escaped_and_strict(tmp_path: Path) -> None:
    (tmp_path / "brief.html.j2").write_text(
        "<h1>{{ brief.title }}</h1>{% for p in brief.positions %}<p>{{ p.text }}</p>{% endfor %}"
        "<style>{{ css }}</style>",
        encoding="utf-8",
    )
    (tmp_path / "brief.css").write_text("h1 { color: navy; }", encoding="utf-8")
    html = export_html(debate_with("<b>bold</b> & co"), template_dir=tmp_path)
    assert "<h1>&lt;b&gt;bold&lt;/b&gt; &amp; co</h1>" in html
    assert "<style>h1 { color: navy; }</style>" in html
    (tmp_path / "brief.html.j2").write_text("{{ brief.no_such_thing }}", encoding="utf-8")
    with pytest.raises(argmap.UsageError, match=r"the brief template failed: .*no_such_thing"):
        export_html(debate_with("x"), template_dir=tmp_path)


def test_what_stands_is_near_the_top_and_says_it_is_computed() -> None:
    html = export_html(argmap.load(ROOT / "debates" / "hikvision-2019.yaml"))
    standing = html.index('id="standing"')
    assert html.index('id="summary"') < standing < html.index('id="stakeholders"')
    assert "Computed by argmap from the map" in html
    assert (
        "US Treasury Department</th><td>falls 0.41</td><td>falls 0.51</td>"
        "<td>stands 0.83 · ranks first</td>" in html
    )
    assert "every verdict in it is the author's" not in html  # computed parts say so
    assert "is argmap&#39;s reading of the author&#39;s arguments and ratings" in html


def test_a_brief_too_long_to_draw_says_so_and_draws_nothing(tmp_path: Path) -> None:
    from argmap.briefing import BRIEF_MAP_LIMIT
    from bench import generate

    debate = argmap.loads(json.dumps(generate.debate(BRIEF_MAP_LIMIT + 1)), "json")
    result = write_brief(debate, tmp_path / "brief.md")
    assert [p.name for p in result.written] == ["brief.md"]  # no brief.svg beside it
    text = (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert f"This debate has {BRIEF_MAP_LIMIT + 1} arguments: drawn as one map it could" in text
    html = export_html(debate, None, map_note="a note")
    assert '<body class="long">' in html
    assert '<p class="note" id="map">a note</p>' in html


@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
def test_markdown_and_html_say_the_same_headings(path: Path) -> None:
    debate = argmap.load(path)
    html = export_html(debate, draw(debate, "svg"))
    markdown = export_markdown(debate, "map.svg")
    h2 = [unescape(h) for h in re.findall(r'<h2 id="[a-z-]+-h">([^<]*)</h2>', html)]
    hashes = re.findall(r"^## (.*)$", markdown, re.MULTILINE)
    assert h2 == hashes
    assert h2[:2] == ["Decision", "Bottom line"]


def test_references_are_numbered_once_per_source() -> None:
    debate = argmap.load(ROOT / "debates" / "hikvision-2019.yaml")
    html = export_html(debate)
    cited = {e.source for a in debate.arguments for e in a.evidence}
    numbers = re.findall(r'<li id="ref-(\d+)">', html)
    assert numbers == [str(n) for n in range(1, len(cited) + 1)]
    quotes = sum(len(a.evidence) for a in debate.arguments)
    assert html.count('<span class="meta">Cited by') == quotes  # every quotation kept
    # an argument that quotes one source twice points at it once
    assert not re.search(r'href="#ref-(\d+)">\[\1\]</a> <a class="ref" href="#ref-\1"', html)


def test_an_outweighed_objection_is_never_called_unanswered() -> None:
    raw = {
        "argmap": 1,
        "id": "t",
        "title": "T",
        "question": "Q?",
        "positions": [{"id": "go", "text": "Go."}, {"id": "stay", "text": "Stay."}],
        "arguments": [
            {"id": "pro", "text": "For.", "supports": ["go"], "weight": 0.9},
            {"id": "weak", "text": "A weak objection.", "attacks": ["go"], "weight": 0.2},
        ],
    }
    debate = argmap.Debate.model_validate(raw)
    result = argmap.analyse(debate)
    go = next(p for p in result.positions if p.id == "go")
    assert (go.standing, go.unanswered, go.label) == ("contested", (), "in")
    html = export_html(debate)
    assert "unanswered" not in html.lower()
    assert "Objections that stand and defeat it" not in html
