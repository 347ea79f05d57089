"""A "✓ Verified" that cannot lie (issue 21): a quote verifies only where its source
says it, word for word. Each hostile case of the issue, the rules on elisions, text a
reader cannot see (HTML and PDF), and properties over generated sources."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.io.source_text import of_units
from argmap.quote_search import REVERSING, Found, Refused, find, fragments
from tests.pdf_maker import line, pdf
from tests.test_quotes import debate


def check(
    tmp_path: Path, name: str, content: str | bytes, *quotes: str, **kw: str
) -> argmap.Report:
    """The report on a debate quoting ``quotes`` from a file ``name`` holding ``content``
    (errors and the quote warnings only)."""
    file = tmp_path / name
    if isinstance(content, bytes):
        file.write_bytes(content)
    else:
        file.write_text(content, encoding="utf-8")
    path = tmp_path / "d.yaml"
    path.write_text(debate(name, *quotes, **kw), encoding="utf-8")
    return argmap.check(path).only(["E", "W313", "W314", "W315"])


def verified(report: argmap.Report) -> int:
    return report.quotes[2]


# -- the cases the issue found ------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "quote", "inside"),
    [
        ("Phones are unsafe to use in class.", "safe to use in class", "unsafe"),
        (
            "The programme is ineffective in every school.",
            "effective in every school",
            "ineffective",
        ),
        ("The search was unlawful under the act.", "lawful under the act", "unlawful"),
        ("We can't stop them at night.", "We can", "can't"),
        ("Use non-lethal weapons only.", "lethal weapons only", "non-lethal"),
    ],
)
def test_a_quote_never_starts_or_ends_inside_a_word(
    tmp_path: Path, source: str, quote: str, inside: str
) -> None:
    report = check(tmp_path, "s.txt", f"{source}\n\nAnother paragraph here.\n", quote)
    assert (report.codes, verified(report)) == (["E212"], 0)
    (problem,) = report.diagnostics
    assert f"has only inside longer words ('{inside}')" in problem.message


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        ("The fine is 10⁶ dollars in all.", "The fine is 106 dollars"),
        ("The fine is 10⁶ dollars in all.", "The fine is 10 dollars"),
        ("It costs 1½ million a year.", "It costs 11/2 million"),
        ("It costs 1½ million a year.", "It costs 11\u20442 million"),
        ("Water is H₂O at any depth.", "Water is H2O at"),
        ("The ban works. Or so they say.", "The ban works?"),
        ("The ban works? Or so they say.", "The ban works."),
        ("The ban works! Or so they say.", "The ban works."),
        ("Does the ban work, they ask.", "the ban work?"),
    ],
)
def test_digits_superscripts_fractions_and_closing_marks_are_never_folded(
    tmp_path: Path, source: str, quote: str
) -> None:
    report = check(tmp_path, "s.txt", source, quote)
    assert (report.codes, verified(report)) == (["E212"], 0)


def test_a_closing_full_stop_may_be_the_writers_where_the_sentence_goes_on(tmp_path: Path) -> None:
    report = check(tmp_path, "s.txt", "The ban works, or so they say.", "The ban works.")
    assert (report.codes, verified(report)) == ([], 1)


def test_typography_is_still_folded(tmp_path: Path) -> None:
    source = (
        "The \ufb01nal \u201cblack\u00a0list\u201d \u2014 as officials call it \u2014 "
        "names eight \ufb01rms\u2026 and more.\n"
    )
    quotes = (
        'The final "black list" - as officials call it - names eight firms... and more.',
        "The \ufb01nal \u201cblack list\u201d\u2014as officials call it\u2014names",
        "as officials call it -- names eight firms",
    )
    report = check(tmp_path, "s.txt", source, *quotes)
    assert (report.codes, verified(report)) == ([], 3)


@pytest.mark.parametrize(
    ("source", "quote", "left_out"),
    [
        ("We will not ban phones in class.", "We will … ban phones in class.", "'not'"),
        ("We will never ban phones in class.", "We will … ban phones", "'never'"),
        ("We won't ban phones in class.", "We … ban phones in class", "'won't'"),
        ("Phones help only in science lessons.", "Phones help … in science lessons", "'only'"),
        ("Bans work unless parents object.", "Bans work … parents object", "'unless'"),
        ("Bans may reduce bullying a little.", "Bans … reduce bullying a little", "'may'"),
    ],
)
def test_an_elision_that_removes_a_negation_or_hedge_is_an_error(
    tmp_path: Path, source: str, quote: str, left_out: str
) -> None:
    report = check(tmp_path, "s.txt", source, quote)
    assert (report.codes, verified(report)) == (["E215"], 0)
    (problem,) = report.diagnostics
    assert f"without {left_out} the quote says" in problem.message
    assert problem.hint is not None
    assert "quote the words in full" in problem.hint


def test_an_elision_message_shows_the_removed_words(tmp_path: Path) -> None:
    report = check(tmp_path, "s.txt", "We will not ban phones.", "We will … ban phones.")
    assert [d.message for d in report.diagnostics] == [
        "argument 'a0' quotes 's.txt' (source 's'), but its elision between 'We will' and "
        "'ban phones' leaves out 'not': without 'not' the quote says the opposite of the source"
    ]


@pytest.mark.parametrize(
    ("quote", "why"),
    [
        ("We are un…happy with it", "inside"),  # inside a word
        ("We are … today.", "fewer than 2 words"),  # a part of one word
        ("Y…s", "inside"),  # single letters
        ("We are unhappy … It is late", "joins para. 1 to para. 2"),  # across paragraphs
    ],
)
def test_elisions_a_reader_cannot_check_are_refused(tmp_path: Path, quote: str, why: str) -> None:
    source = "We are unhappy with it today. Yes.\n\nIt is late and we are tired.\n"
    report = check(tmp_path, "s.txt", source, quote)
    assert verified(report) == 0
    (problem,) = report.diagnostics
    assert problem.code in ("E212", "E216")
    assert why in problem.message


def test_an_elision_across_paragraphs_is_allowed_where_the_locator_names_them(
    tmp_path: Path,
) -> None:
    source = "We are unhappy with it today.\n\nIt is late and we are tired.\n"
    quote = "We are unhappy … It is late"
    assert check(tmp_path, "s.txt", source, quote, locator="paras. 1-2").codes == []
    assert check(tmp_path, "s.txt", source, quote, locator="para. 1").codes == ["E216"]


def test_a_good_elision_still_verifies_and_later_places_are_tried(tmp_path: Path) -> None:
    source = (
        "The plan saves money. It is not cheap.\n\n"
        "The plan saves money in its first year and in every year after it.\n"
    )
    # the first 'The plan saves money' is a paragraph away from the second part: the
    # second one is taken
    report = check(tmp_path, "s.txt", source, "The plan saves money … every year after it.")
    assert (report.codes, verified(report)) == ([], 1)


@pytest.mark.parametrize("quote", ["a", ".", "phones", "ban phones", "… ban …"])
def test_a_quote_of_fewer_than_three_words_is_not_verified_against_a_longer_source(
    tmp_path: Path, quote: str
) -> None:
    source = "Schools ban phones. It is a rule for all.\n"
    report = check(tmp_path, "s.txt", source, quote)
    assert verified(report) == 0
    assert report.codes in (["W314"], ["E212"])
    if report.codes == ["W314"]:
        assert "not marked verified" in report.diagnostics[0].message


def test_a_short_quote_verifies_against_a_source_of_one_sentence(tmp_path: Path) -> None:
    report = check(tmp_path, "s.txt", "Schools ban phones", "ban phones")
    assert (report.codes, verified(report)) == ([], 1)
    assert check(tmp_path, "s.txt", "Schools ban phones.", ".").codes == ["W314"]


# -- text a reader cannot see -------------------------------------------------------------

HIDDEN_HTML = """<!DOCTYPE html><html><head><style>
.sr-note { display: none }
article > .aside { visibility: hidden }
a:hover, li + li { display: none }
q::before { content: "not " }
</style></head><body>
<p>The minister said the ban would start in May.</p>
<p hidden>The minister said the ban was a trade tactic.</p>
<p style="color: red; display:none">Secret words for the crawler only.</p>
<template><p>Words kept in a template element.</p></template>
<textarea>Words typed into a text area box.</textarea>
<p>Visible <span class="sr-note">words in a hidden note</span> again here.</p>
<article><div class="aside">Words hidden by a child rule.</div></article>
<div class="aside">Words shown outside the article.</div>
<dialog>Words in a closed dialog box.</dialog>
<p style="color: transparent">Some words written in no ink.</p>
<p>Here are <span style="font-size: 0">words of no size at all</span> hidden.</p>
<p style="opacity:0.0">The words faded out entirely.</p>
<p style="opacity: .5">Half-seen words are still seen.</p>
<p hidden>An unclosed hidden paragraph<p>The next paragraph is shown to all.
</body></html>"""


@pytest.mark.parametrize(
    ("quote", "why"),
    [
        ("the ban was a trade tactic", "the 'hidden' attribute"),
        ("Secret words for the crawler", "styled 'color: red; display:none'"),
        ("Words kept in a template", "a <template>"),
        ("Words typed into a text", "a <textarea>"),
        ("words in a hidden note", "style rule '.sr-note'"),
        ("Words hidden by a child rule", "style rule 'article > .aside'"),
        ("Words in a closed dialog", "a closed <dialog>"),
        ("words written in no ink", "styled 'color: transparent'"),
        ("words of no size at all", "styled 'font-size: 0'"),
        ("words faded out entirely", "styled 'opacity:0.0'"),
    ],
)
def test_html_text_a_reader_cannot_see_is_not_source_text(
    tmp_path: Path, quote: str, why: str
) -> None:
    report = check(tmp_path, "s.html", HIDDEN_HTML, quote)
    assert verified(report) == 0
    assert "E212" in report.codes
    (problem,) = [d for d in report.diagnostics if d.code == "E212"]
    assert "only where a reader cannot see them" in problem.message
    assert why in problem.message


def test_html_text_a_reader_sees_verifies_and_unapplied_rules_are_said(tmp_path: Path) -> None:
    quotes = (
        "the ban would start in May",
        "Visible again here.",
        "Words shown outside the article.",
        "The next paragraph is shown to all.",
        "Half-seen words are still seen.",
    )
    report = check(tmp_path, "s.html", HIDDEN_HTML, *quotes)
    assert (report.codes, verified(report)) == (["W315"], 5)
    assert report.diagnostics[0].message == (
        "source 's': 's.html' hides or adds text by style rules argmap cannot apply "
        "('a:hover', 'li + li', 'q::before (adds text)'); the text they hide is treated as "
        "visible, and the text they add is not read"
    )


def test_pdf_text_drawn_invisibly_is_not_source_text(tmp_path: Path) -> None:
    page = line("The report finds the ban helps every pupil.", 700) + line(
        "Invisible words placed for search engines only.", 680, mode=3
    )
    report = check(
        tmp_path,
        "s.pdf",
        pdf(page),
        "the ban helps every pupil",
        "Invisible words placed for search",
    )
    assert verified(report) == 1
    (problem,) = report.diagnostics
    assert problem.code == "E212"
    assert "text the PDF draws invisibly (text render mode 3 or 7)" in problem.message


def test_a_scans_ocr_layer_is_its_text_and_that_is_said(tmp_path: Path) -> None:
    page = line("The inspectors found phones in every classroom.", 700, mode=3)
    report = check(tmp_path, "s.pdf", pdf(page, image=True), "found phones in every classroom")
    assert (report.codes, verified(report)) == (["W315"], 1)
    assert "is scanned on page 1: their text is what OCR read" in report.diagnostics[0].message


# -- the brief shows what was elided -------------------------------------------------------

ELIDED_SOURCE = (
    "Council report\n\nThe plan saves money in its first year. It does so by closing the "
    "black list of old contracts, which cost the city a great deal.\n"
)
ELIDED = "The plan saves money … by closing the black list … cost the city a great deal."


def _brief(tmp_path: Path, suffix: str) -> Path:
    (tmp_path / "s.txt").write_text(ELIDED_SOURCE, encoding="utf-8")
    (tmp_path / "d.yaml").write_text(debate("s.txt", ELIDED), encoding="utf-8")
    out = tmp_path / f"b{suffix}"
    done = CliRunner().invoke(app, ["brief", str(tmp_path / "d.yaml"), "-o", str(out)])
    assert done.exit_code == 0, done.output
    return out


def test_the_html_brief_shows_elided_words_on_hover_and_on_paper(tmp_path: Path) -> None:
    page = _brief(tmp_path, ".html").read_text(encoding="utf-8")
    assert page.count('<span class="elision" tabindex="0"') == 2
    assert 'title="Left out: in its first year. It does so"' in page
    assert 'title="Left out: of old contracts, which"' in page
    assert (
        '<span class="left-out">The quote leaves out “in its first year. It does so” and '
        "“of old contracts, which”.</span>"
    ) in page
    css = re.search(r"@media print \{(.*)", page, re.S)
    assert css is not None
    assert ".left-out { display: block; }" in css.group(1)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="./run test installs Chromium")
def test_the_printed_brief_notes_elided_words(tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = _brief(tmp_path, ".pdf")
    printed = "".join(p.extract_text() or "" for p in PdfReader(pdf).pages)
    text = " ".join(unicodedata.normalize("NFKC", printed).split())  # the PDF's ligatures
    assert (
        "The quote leaves out “in its first year. It does so” and “of old contracts, which”."
        in text
    )


def test_the_markdown_brief_notes_elided_words(tmp_path: Path) -> None:
    text = _brief(tmp_path, ".md").read_text(encoding="utf-8")
    assert (
        "     The quote leaves out “in its first year. It does so” and “of old contracts, which”.\n"
    ) in text


# -- properties ---------------------------------------------------------------------------

_CHARS = st.sampled_from(list("abcdefgh ABC.,;'\"-\n\u2019\u201c\u201d\u2014\u2026\u00a0\ufb01"))


@given(st.lists(st.text(_CHARS, min_size=1, max_size=80), min_size=1, max_size=4), st.data())
@example(["a \u2014 b"], None)
@example([";;;;;\u2014", ";;"], None)  # units joined beside a dash, as in one text
def test_any_word_bounded_substring_of_a_source_verifies(
    units: list[str], data: st.DataObject | None
) -> None:
    source = of_units("s.txt", "paragraph", units)
    assume(source.text.strip())
    bounds = [i for i in range(len(source.text) + 1) if not source.inside_word(i)]
    if data is None:
        start, end = 0, len(source.text)
    else:
        start = data.draw(st.sampled_from(bounds[:-1]))
        end = data.draw(st.sampled_from([b for b in bounds if b > start]))
    quote = source.text[start:end]
    assume(len(fragments(quote)) == 1)  # no elision mark: a plain quote
    assert isinstance(find(source, quote), Found)


_LETTERS = "bcdfgklmnprstv"
_WORD5 = st.text(st.sampled_from(list(_LETTERS)), min_size=5, max_size=5)
"""Words of five letters: a word with one letter more or less is never a word of the
source, so a quote changed so is nowhere in it at word boundaries."""


def _sources(words: list[str]) -> str:
    return " ".join(words) + "."


@given(st.lists(_WORD5, min_size=6, max_size=40), st.data())
def test_a_letter_added_or_removed_at_either_end_of_a_part_never_verifies(
    words: list[str], data: st.DataObject
) -> None:
    source = of_units("s.txt", "paragraph", [_sources(words)])
    start = data.draw(st.integers(0, len(words) - 3))
    length = data.draw(st.integers(3, len(words) - start))
    quote = words[start : start + length]
    letter = data.draw(st.sampled_from(list(_LETTERS)))
    end = data.draw(st.sampled_from(["first", "last"]))
    change = data.draw(st.sampled_from(["add", "remove"]))
    index = 0 if end == "first" else -1
    word = quote[index]
    if change == "remove":
        word = word[1:] if end == "first" else word[:-1]
    else:
        word = letter + word if end == "first" else word + letter
    quote[index] = word
    assert find(source, " ".join(quote)) is None


@given(
    st.lists(_WORD5, min_size=4, max_size=20),
    st.lists(st.integers(10, 9999), min_size=1, max_size=4),
    st.data(),
)
def test_a_changed_digit_never_verifies(
    words: list[str], numbers: list[int], data: st.DataObject
) -> None:
    tokens = [*words[:2], *map(str, numbers), *words[2:]]
    source = of_units("s.txt", "paragraph", [" ".join(tokens) + "."])
    at = data.draw(st.integers(0, len(numbers) - 1))
    digits = list(str(numbers[at]))
    place = data.draw(st.integers(0, len(digits) - 1))
    other = data.draw(st.sampled_from([d for d in "0123456789" if d != digits[place]]))
    digits[place] = other
    changed = "".join(digits)
    assume(changed not in map(str, numbers))
    quote = [*tokens[:2], *map(str, numbers), *tokens[2 + len(numbers) :]][: 3 + len(numbers)]
    quote[2 + at] = changed
    assert find(source, " ".join(quote)) is None


_FOLDED = {
    "²": "2",
    "³": "3",
    "⁶": "6",
    "₂": "2",
    "½": "1\u20442",
    "¼": "1\u20444",
    "ⁿ": "n",
    "①": "1",
}


@given(st.lists(_WORD5, min_size=4, max_size=20), st.sampled_from(sorted(_FOLDED)), st.data())
def test_a_folded_superscript_or_fraction_never_verifies(
    words: list[str], special: str, data: st.DataObject
) -> None:
    at = data.draw(st.integers(1, len(words) - 2))
    marked = [*words[:at], f"10{special}", *words[at:]]
    source = of_units("s.txt", "paragraph", [" ".join(marked) + "."])
    quote = [*words[at - 1 : at], f"10{_FOLDED[special]}", *words[at : at + 2]]
    assert find(source, " ".join(quote)) is None


def _words_of(letters: str) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(list(letters)), min_size=5, max_size=5)


@given(
    st.lists(_words_of("bcdf"), min_size=2, max_size=8),
    st.sampled_from(sorted(REVERSING | {"won't", "isn't"})),
    st.lists(_words_of("klmn"), min_size=2, max_size=8),
    st.lists(_words_of("prst"), max_size=3),
)
def test_eliding_a_negation_or_hedge_never_verifies(
    before: list[str], reversing: str, after: list[str], more: list[str]
) -> None:
    source = of_units("s.txt", "paragraph", [" ".join([*before, reversing, *more, *after]) + "."])
    quote = " ".join(before) + " … " + " ".join(after)
    found = find(source, quote)
    assert isinstance(found, Refused)
    assert found.code == "E215"
