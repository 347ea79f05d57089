"""Quotes checked against the sources' local copies (issue 15): a source in each format,
quotes that match, differ by a word, differ only in typography, use an elision or cross
a page or paragraph boundary; hostile files; the brief's marks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.io import source_text
from argmap.io.source_text import SourceFileError, of_units, read_source
from argmap.quote_search import closest, find
from tests.conftest import ROOT

SURVEY = ROOT / "debates" / "sources" / "staff-survey.pdf"


def debate(file: str, *quotes: str, locator: str | None = None) -> str:
    """A small debate whose one source names ``file`` and whose arguments quote it."""
    lines = [
        "argmap: 1",
        "id: d",
        "title: T",
        "question: Q?",
        "sources:",
        "  - id: s",
        "    title: S",
        f"    file: '{file}'",
        "positions:",
        "  - id: go",
        "    text: Go.",
        "arguments:",
    ]
    for n, quote in enumerate(quotes):
        lines += [
            f"  - id: a{n}",
            f"    text: Reason {n}.",
            "    supports: go",
            "    evidence:",
            "      - source: s",
            f"        quote: '{quote.replace(chr(39), chr(39) * 2)}'",
        ]
        if locator:
            lines.append(f"        locator: {locator}")
    return "\n".join(lines) + "\n"


def checked(tmp_path: Path, file: str, *quotes: str, **kw: str) -> argmap.Report:
    path = tmp_path / "d.yaml"
    path.write_text(debate(file, *quotes, **kw), encoding="utf-8")
    return argmap.check(path).only(["E", "W313"])  # not the advice on the small map


def said(report: argmap.Report) -> list[str]:
    return [f"{d.code}: {d.message} ({d.hint})" for d in report.diagnostics]


TEXT = (
    "The Council Report\n\n"
    "The plan saves money in its first year.\nIt does so by closing the black list\n"
    "of old contracts.\n\n"
    "Residents say it is \u201cthe best plan in a decade\u201d \u2014 most of them.\n"
)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    (tmp_path / "report.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "report.md").write_text(
        "# The Council Report\n\nThe plan **saves money** in its first year.\n\n"
        "- Residents say it is *the best plan* in a decade.\n",
        encoding="utf-8",
    )
    (tmp_path / "report.html").write_text(
        "<!DOCTYPE html><html><head><title>Head text</title><style>p{}</style></head>"
        "<body><script>var quote = 'saves money';</script><h1>The Council Report</h1>"
        "<p>The plan saves&nbsp;money in its<br>first year.</p>"
        "<p>Residents say it is &ldquo;the best plan&rdquo; in a decade.</p></body></html>",
        encoding="utf-8",
    )
    shutil.copy(SURVEY, tmp_path / "survey.pdf")
    return tmp_path


@pytest.mark.parametrize("file", ["report.txt", "report.md", "report.html"])
def test_a_verbatim_quote_verifies_in_every_text_format(sources: Path, file: str) -> None:
    report = checked(sources, file, "saves money in its first year")
    assert (report.diagnostics, report.quotes) == ((), (1, 1, 1))


def test_a_quote_verifies_in_a_pdf_and_its_page_is_found(sources: Path) -> None:
    report = checked(sources, "survey.pdf", "Each department has a set of 30 tablets.")
    assert (report.diagnostics, report.quotes) == ((), (1, 1, 1))
    loaded = argmap.load(sources / "d.yaml")
    found = loaded._quotes.checks[("a0", 0)]  # type: ignore[attr-defined]
    assert (found.verified, found.locator) == (True, "p. 3")
    after = "They are booked through the library and are available in most lessons."
    assert found.context()[2] == f" {after}"  # its own white space, to follow the quote


def test_typography_and_white_space_do_not_count(sources: Path) -> None:
    quotes = (
        "It does so by closing the black list of old contracts.",  # a line break inside
        'Residents say it is "the best plan in a decade" - most of them.',  # quotes, dash
        "Residents say it is \u201cthe best plan in a decade\u201d\u2014most of them.",
    )
    report = checked(sources, "report.txt", *quotes)
    assert (report.diagnostics, report.quotes) == ((), (3, 3, 3))


def test_an_ellipsis_marks_words_left_out_and_the_parts_keep_their_order(sources: Path) -> None:
    good = ["The plan saves money \u2026 closing the black list", "saves money [...] old contracts"]
    assert checked(sources, "report.txt", *good).diagnostics == ()
    report = checked(sources, "report.txt", "old contracts ... The plan saves money")
    assert report.codes == ["E212"]


def test_a_quote_that_differs_by_a_word_is_located_with_the_closest_passage(
    sources: Path,
) -> None:
    report = checked(sources, "report.txt", "It does so by closing the blacklist of old contracts.")
    assert said(report) == [
        "E212: argument 'a0' quotes words that are not in 'report.txt' (source 's'); the "
        "closest passage (para. 2) reads: 'It does so by closing the black list of old "
        "contracts.' (source has 'black list', quote has 'blacklist'; quote the source "
        "verbatim)"
    ]
    (found,) = report.diagnostics
    assert (found.location.line, found.location.column) == (18, 16)


def test_case_must_match(sources: Path) -> None:
    report = checked(sources, "report.txt", "the plan saves money in its first year")
    assert said(report)[0].endswith(
        "(source has 'The', quote has 'the'; quote the source verbatim)"
    )


def test_a_quote_with_nothing_like_it_says_so(sources: Path) -> None:
    report = checked(sources, "report.txt", "Completely unrelated words appear here")
    assert said(report) == [
        "E212: argument 'a0' quotes words that are not in 'report.txt' (source 's'), nor "
        "anything close to them (quote the source verbatim; mark words you leave out with '…')"
    ]


def test_html_scripts_styles_and_the_head_are_not_the_text(sources: Path) -> None:
    assert checked(sources, "report.html", "var quote").codes == ["E212"]
    assert checked(sources, "report.html", "Head text").codes == ["E212"]


def test_markdown_is_quoted_as_its_text_not_its_markup(sources: Path) -> None:
    assert (
        checked(sources, "report.md", "Residents say it is the best plan in a decade.").codes == []
    )
    assert checked(sources, "report.md", "**saves money**").codes == ["E212"]


def test_a_quote_across_a_paragraph_boundary_verifies_and_its_locator_is_checked(
    sources: Path,
) -> None:
    across = "of old contracts. Residents say"
    assert checked(sources, "report.txt", across, locator="paras. 2-3").codes == []
    assert checked(sources, "report.txt", across, locator="para. 3").codes == []
    wrong = checked(sources, "report.txt", across, locator="para. 1")
    assert [d.message for d in wrong.diagnostics] == [
        "the quote of argument 'a0' is at para. 2–3 of 'report.txt', not at 'para. 1'"
    ]


def test_a_pdf_page_locator_is_checked_and_other_locators_are_not(sources: Path) -> None:
    quote = "48% would allow phones for some tasks, 52% would not."
    assert checked(sources, "survey.pdf", quote, locator="p. 2, question 6").codes == []
    assert checked(sources, "survey.pdf", quote, locator="question 6").codes == []
    assert checked(sources, "survey.pdf", quote, locator="para. 9").codes == []  # not pages
    wrong = checked(sources, "survey.pdf", quote, locator="page 3")
    assert wrong.codes == ["W313"]
    assert wrong.diagnostics[0].hint == "write locator: p. 2, or leave it out: argmap finds it"


def test_every_quote_of_the_school_phones_example_verifies() -> None:
    report = argmap.check(ROOT / "debates" / "school-phones.yaml")
    assert report.quotes == (12, 12, 12)
    assert not [d for d in report.diagnostics if d.code in ("E212", "E213", "E214", "W313")]


def test_check_says_how_many_quotes_were_verified(sources: Path) -> None:
    (sources / "d.yaml").write_text(debate("report.txt", "saves money in"), encoding="utf-8")
    done = CliRunner().invoke(app, ["check", "--select", "E", str(sources / "d.yaml")])
    assert done.stdout == (
        "No problems found in 1 file. 1 of 1 quote verified against local copies. 1 problem "
        "ignored, by --select.\n"  # the small map's advice
    )


# -- the properties -------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "trade",
        "deal",
        "sanctions",
        "human",
        "rights",
        "surveillance",
        "export",
        "controls",
        "ministry",
        "treasury",
        "evidence",
        "report",
        "cost",
        "benefit",
        "signal",
        "market",
        "company",
        "risk",
        "law",
        "policy",
        "talks",
    ]
)


@given(
    st.lists(_WORDS, min_size=5, max_size=60),
    st.integers(0, 55),
    st.integers(5, 12),
    st.integers(0, 11),
    _WORDS,
)
def test_any_one_word_change_in_a_quote_of_five_words_or_more_fails(
    words: list[str], at: int, length: int, changed: int, other: str
) -> None:
    source = of_units("s.txt", "paragraph", [" ".join(words)])
    start = min(at, len(words) - 5)
    quote = words[start : start + length]
    assume(len(quote) >= 5)
    changed %= len(quote)
    assume(quote[changed] != other)
    quote[changed] = other
    text = " ".join(quote)
    assume(text not in source.text)  # the changed words are not elsewhere in the source
    assert find(source, text) is None
    near = closest(source, text)
    assert near is not None
    assert near.differences


# -- hostile files ---------------------------------------------------------------------


def test_paths_outside_the_debates_folder_are_refused_unless_allowed(tmp_path: Path) -> None:
    inside = tmp_path / "debate"
    inside.mkdir()
    (tmp_path / "secret.txt").write_text("saves money", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", inside / "link.txt")
    for file in ("../secret.txt", str(tmp_path / "secret.txt"), "link.txt"):
        report = checked(inside, file, "saves money")
        assert report.codes == ["E214"], file
        assert report.diagnostics[0].hint == (
            "keep source files in the debate's folder or below it; if you trust this "
            "debate, run argmap with --allow-outside"
        )
        path = inside / "d.yaml"
        assert argmap.check(path, allow_outside=True).only(["E"]).codes == [], file
        done = CliRunner().invoke(app, ["check", "--allow-outside", "-q", str(path)])
        assert done.exit_code == 0, file
    assert "E214" in CliRunner().invoke(app, ["check", str(inside / "d.yaml")]).stdout


def test_the_etc_passwd_trick_reads_nothing(tmp_path: Path) -> None:
    report = checked(tmp_path, "../../../../../../etc/passwd", "root")
    assert report.codes == ["E214"]
    assert report.quotes == (1, 1, 0)


def _unusable(tmp_path: Path, file: str) -> str:
    report = checked(tmp_path, file, "saves money")
    assert report.codes == ["E213"], report.codes
    (found,) = report.diagnostics
    assert (found.location.line, found.location.column) == (8, 11)  # the file: value
    return found.message


def test_a_missing_file_a_folder_and_a_fifo_are_located_errors(tmp_path: Path) -> None:
    assert _unusable(tmp_path, "nowhere.txt") == (
        "source 's': there is no file 'nowhere.txt' in the debate's folder"
    )
    (tmp_path / "folder").mkdir()
    assert _unusable(tmp_path, "folder") == "source 's': 'folder' is a folder, not a regular file"
    os.mkfifo(tmp_path / "pipe.txt")  # never opened: reading it would wait for ever
    assert _unusable(tmp_path, "pipe.txt") == (
        "source 's': 'pipe.txt' is a named pipe (FIFO), not a regular file"
    )


def test_a_device_is_refused_even_when_outside_files_are_allowed(tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    path = tmp_path / "d.yaml"
    path.write_text(debate("zero.txt", "saves money"), encoding="utf-8")
    report = argmap.check(path, allow_outside=True).only(["E"])
    assert [d.message for d in report.diagnostics] == [
        "source 's': 'zero.txt' is a character device, not a regular file"
    ]


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    with (tmp_path / "huge.txt").open("wb") as out:
        out.truncate(32 * 1024 * 1024 + 1)  # sparse: no disk is filled
    assert _unusable(tmp_path, "huge.txt") == (
        "source 's': 'huge.txt' is 33,554,433 bytes; argmap reads source files of up to "
        "33,554,432 bytes (32 MiB)"
    )


def test_binary_and_badly_encoded_files_are_not_text(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert _unusable(tmp_path, "image.png").startswith("source 's': 'image.png' is not text")
    (tmp_path / "latin.txt").write_bytes("caf\u00e9 saves money".encode("latin-1"))
    assert _unusable(tmp_path, "latin.txt") == (
        "source 's': 'latin.txt' is not text: byte 0xE9 at offset 3 is not UTF-8 (give a "
        ".pdf, .html, .md or .txt file, saved as UTF-8)"
    )
    (tmp_path / "nul.txt").write_bytes(b"saves money\x00\x00")
    assert "holds binary data" in _unusable(tmp_path, "nul.txt")


def test_an_html_file_in_its_declared_encoding_verifies(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>caf\xe9 saves money</p>'
    (tmp_path / "old.html").write_bytes(page.encode("windows-1252"))
    assert checked(tmp_path, "old.html", "caf\u00e9 saves money").codes == []
    (tmp_path / "odd.html").write_bytes(b'<meta charset="klingon"><p>x</p>')
    assert _unusable(tmp_path, "odd.html") == (
        "source 's': 'odd.html' declares an unknown encoding 'klingon'"
    )


def _pdf(pages: int = 1, password: str | None = None) -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if password is not None:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_broken_encrypted_and_textless_pdfs_are_located_errors(tmp_path: Path) -> None:
    (tmp_path / "locked.pdf").write_bytes(_pdf(password="secret"))
    assert _unusable(tmp_path, "locked.pdf") == (
        "source 's': cannot read the PDF 'locked.pdf': it is encrypted (save a copy without "
        "a password)"
    )
    (tmp_path / "blank.pdf").write_bytes(_pdf())
    assert _unusable(tmp_path, "blank.pdf") == (
        "source 's': the PDF 'blank.pdf' has no text to quote (a scan without a text layer?)"
    )
    (tmp_path / "broken.pdf").write_bytes(SURVEY.read_bytes()[:3000])
    assert _unusable(tmp_path, "broken.pdf").startswith(
        "source 's': cannot read the PDF 'broken.pdf': it is damaged ("
    )
    (tmp_path / "fake.pdf").write_bytes(b"not a pdf at all")
    assert _unusable(tmp_path, "fake.pdf") == (
        "source 's': 'fake.pdf' is not a PDF (it does not start with '%PDF-')"
    )


def test_a_pdf_that_takes_too_long_is_given_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source_text, "PDF_SECONDS", 0.001)
    shutil.copy(SURVEY, tmp_path / "slow.pdf")
    assert _unusable(tmp_path, "slow.pdf") == (
        "source 's': reading the text of 'slow.pdf' took longer than 0 s; give the text as "
        "a .txt file instead"
    )


def test_a_source_file_is_read_once_however_many_quotes_cite_it(
    sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []

    def counting(path: Path, written: str) -> source_text.SourceText:
        reads.append(written)
        return read_source(path, written)

    monkeypatch.setattr(source_text, "read_source", counting)  # as verify imports it
    report = checked(sources, "report.txt", *["saves money in"] * 20)
    assert (report.quotes, reads) == ((20, 20, 20), ["report.txt"])


def test_no_output_may_replace_a_source_file(sources: Path) -> None:
    (sources / "d.yaml").write_text(debate("report.html", "saves money"), encoding="utf-8")
    before = (sources / "report.html").read_bytes()
    done = CliRunner().invoke(
        app, ["brief", str(sources / "d.yaml"), "-o", str(sources / "report.html")]
    )
    assert done.exit_code == 2
    assert "is one of the inputs" in done.stderr or "input" in done.stderr
    assert (sources / "report.html").read_bytes() == before


def test_text_read_from_no_file_has_its_quotes_left_unchecked() -> None:
    loaded = argmap.loads(debate("nowhere.txt", "anything"))
    assert argmap.check(loaded).quotes == (0, 0, 0)


def test_read_source_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(SourceFileError, match="there is no file"):
        read_source(tmp_path / "x.txt", "x.txt")


# -- the brief --------------------------------------------------------------------------


def test_the_brief_marks_verified_quotes_with_their_context_and_grades(tmp_path: Path) -> None:
    html = tmp_path / "b.html"
    md = tmp_path / "b.md"
    path = ROOT / "debates" / "school-phones.yaml"
    for out in (html, md):
        done = CliRunner().invoke(app, ["brief", str(path), "-o", str(out)])
        assert done.exit_code == 0, done.output
    page = html.read_text(encoding="utf-8")
    assert page.count("✓ Verified against the local copy") == 12
    assert (
        "In context: “Students agreed that unkind messages are a problem, but doubted that "
        "a ban would stop them. <mark>If they can\u2019t do it at lunch they\u2019ll do it at "
        "night.</mark> Some suggested"
    ) in page
    assert "Graded B2 (source: usually reliable; information: probably true)" in page
    text = md.read_text(encoding="utf-8")
    assert text.count("✓ Verified against the local copy") == 12
    assert (
        "**We must be able to reach our children when something goes wrong — a cancelled bus, "
        "an illness at home, a change of plans after school.**"
    ) in text
    assert "     The quote leaves out “an illness at home,”." in text
