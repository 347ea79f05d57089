"""The text of a source's local copy, to check quotations against.

A source may name a ``file`` beside the debate: plain text, Markdown, HTML or PDF. Each
is read once, turned into text by a real reader (markdown-it-py for Markdown, the
standard library's HTML parser for HTML, pypdf for PDF, in a separate process with a
time and memory bound, so that a hostile PDF can neither hang argmap nor exhaust it),
split into units (pages of a PDF, paragraphs of the others) and normalised the way
quotes are compared (:func:`normalise`). Nothing here follows a URL.

Failures are :class:`SourceFileError` with one line for people; the caller locates it.
"""

from __future__ import annotations

import bisect
import codecs
import json
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Final, Literal

from argmap.io.files import InputFile, NotAFileError, TooLargeError, read_file

MAX_SOURCE_BYTES: Final = 32 * 1024 * 1024
"""The largest source file argmap reads (32 MiB)."""
PDF_SECONDS: Final = 20.0
"""How long the text of one PDF may take to extract before argmap gives up on it."""
PDF_MEMORY: Final = 1024 * 1024 * 1024
"""How much memory the PDF reader's process may take (1 GiB)."""

Unit = Literal["page", "paragraph"]

_TRANSLATE: Final = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": None,  # a soft hyphen is not a character of the text
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
    }
)


def normalise(text: str) -> str:
    """Text as quotes are compared: compatibility forms folded (ligatures, the ellipsis
    character as three dots, no-break spaces), typographic quotes and dashes as plain
    ones, invisible characters dropped, and every run of white space as one space. Case
    and words are kept."""
    folded = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return _AROUND_DASH.sub("-", " ".join(folded.split()))


_AROUND_DASH: Final = re.compile(r" ?- ?")
"""Spaces around a dash: "fast—very fast" is quoted as "fast - very fast" as often."""


class SourceFileError(Exception):
    """A source's file cannot be used: one line for people, and whether the problem is
    where it points (outside the debate's folder) rather than what it holds."""

    def __init__(self, message: str, *, outside: bool = False) -> None:
        super().__init__(message)
        self.outside = outside


@dataclass
class SourceText:
    """A source's text, normalised, with where each unit (page or paragraph) starts and
    an index of its words, made once and shared by every quote of the source."""

    name: str
    unit: Unit
    text: str
    starts: list[int]
    raw: list[str] = field(default_factory=list)
    """Each unit's text as the file has it (typography kept), for showing a quote in
    its context."""
    words: dict[str, list[int]] = field(default_factory=dict)
    ends: list[int] = field(default_factory=list)
    """Where each unit ends (units are joined by a space, or nothing beside a dash)."""
    """Each whole word of ``text`` → the offsets where it starts."""
    input: InputFile | None = None
    cache: dict[str, Any] = field(default_factory=dict)
    """What the search for a closest passage derives, made once when first needed."""

    def __post_init__(self) -> None:
        if not self.words:
            words: dict[str, list[int]] = {}
            for match in _WORD.finditer(self.text):
                words.setdefault(match.group(), []).append(match.start())
            self.words = words

    def unit_at(self, offset: int) -> int:
        """The 1-based number of the page or paragraph holding ``offset``."""
        return max(1, bisect.bisect_right(self.starts, offset))

    def locator(self, offset: int) -> str:
        """Where ``offset`` is, as a citation says it: "p. 3" or "para. 12"."""
        number = self.unit_at(offset)
        return f"p. {number}" if self.unit == "page" else f"para. {number}"


_WORD: Final = re.compile(r"\w+")


def of_units(name: str, unit: Unit, units: list[str]) -> SourceText:
    """A source text from its pages or paragraphs (empty ones are not counted)."""
    joined: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    kept: list[str] = []
    offset = 0
    for raw in units:
        text = normalise(raw)
        if not text:
            continue
        if joined:  # a space between units, but none beside a dash, as normalise() does
            gap = "" if joined[-1].endswith("-") or text.startswith("-") else " "
            joined.append(gap)
            offset += len(gap)
        starts.append(offset)
        joined.append(text)
        kept.append(raw)
        offset += len(text)
        ends.append(offset)
    return SourceText(name, unit, "".join(joined), starts, kept, ends=ends)


def origins(raw: str) -> list[int] | None:
    """For each character of ``normalise(raw)``, the index in ``raw`` of the character
    it comes from; None in the rare text where normalising character by character
    differs from normalising the whole (combining sequences)."""
    chars: list[tuple[str, int]] = []
    space = False
    for i, c in enumerate(raw):
        if c.isspace():
            space = bool(chars)
            continue
        if space:
            chars.append((" ", i - 1))
            space = False
        folded = unicodedata.normalize("NFKC", c).translate(_TRANSLATE) if ord(c) > 127 else c
        if folded.isspace() or not folded:
            space = space or (bool(chars) and folded.isspace())
            continue
        chars.extend((f, i) for f in folded)
    kept = [
        (c, i)
        for n, (c, i) in enumerate(chars)
        if not (
            c == " "
            and (
                (n + 1 < len(chars) and chars[n + 1][0] == "-")
                or (n > 0 and chars[n - 1][0] == "-")
            )
        )
    ]
    if "".join(c for c, _ in kept) != normalise(raw):
        return None
    return [i for _, i in kept]


# -- reading a file -------------------------------------------------------------------


def inside(folder: Path, target: Path) -> bool:
    """Whether ``target``, with every symlink resolved, lies in ``folder``."""
    try:
        Path(os.path.realpath(target)).relative_to(os.path.realpath(folder))
    except ValueError:
        return False
    return True


def resolve(folder: Path, written: str, *, allow_outside: bool) -> Path:
    """The path a source's ``file`` names, relative to the debate's folder; one outside
    it (absolute, '..', or a symlink out) is refused unless ``allow_outside``."""
    path = Path(written)
    full = path if path.is_absolute() else folder / path
    if not allow_outside:
        if path.is_absolute():
            raise SourceFileError(
                f"'{written}' is an absolute path; a source file is named relative to "
                "the debate's folder",
                outside=True,
            )
        if not inside(folder, full):
            raise SourceFileError(f"'{written}' is outside the debate's folder", outside=True)
    return full


def read_source(path: Path, written: str) -> SourceText:
    """The text of a source's file; :class:`SourceFileError` when it cannot be had."""
    try:
        data, input_file = read_file(path, MAX_SOURCE_BYTES)
    except FileNotFoundError:
        raise SourceFileError(f"there is no file '{written}' in the debate's folder") from None
    except NotAFileError as exc:
        raise SourceFileError(f"'{written}' is {exc.kind}, not a regular file") from None
    except TooLargeError as exc:
        raise SourceFileError(
            f"'{written}' is {exc.size:,} bytes; argmap reads source files of up to "
            f"{MAX_SOURCE_BYTES:,} bytes (32 MiB)"
        ) from None
    except OSError as exc:
        raise SourceFileError(f"cannot read '{written}': {exc.strerror or exc}") from None
    kind = kind_of(written, data)
    if kind == "pdf":
        units = pdf_pages(data, written)
        text = of_units(written, "page", units)
    elif kind == "html":
        text = of_units(written, "paragraph", html_blocks(decode_html(data, written)))
    elif kind == "markdown":
        from markdown_it import MarkdownIt

        html = MarkdownIt("commonmark").render(decode_text(data, written))
        text = of_units(written, "paragraph", html_blocks(html))
    else:
        text = of_units(written, "paragraph", _PARAGRAPHS.split(decode_text(data, written)))
    text.input = input_file
    return text


_PARAGRAPHS: Final = re.compile(r"\n[ \t\r\f\v]*\n")
_SUFFIXES: Final = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
}


def kind_of(name: str, data: bytes) -> str:
    """pdf, html, markdown or text: by the suffix, else by the first bytes."""
    kind = _SUFFIXES.get(Path(name).suffix.lower())
    if kind is not None:
        return kind
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def decode_text(data: bytes, written: str) -> str:
    """UTF-8 text (a byte-order mark allowed) that is text: no NUL, no other binary."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceFileError(
            f"'{written}' is not text: byte 0x{data[exc.start]:02X} at offset {exc.start:,} "
            "is not UTF-8 (give a .pdf, .html, .md or .txt file, saved as UTF-8)"
        ) from None
    _refuse_binary(text, written)
    return text


def _refuse_binary(text: str, written: str) -> None:
    controls = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\t\n\r\f\v")
    if "\x00" in text or controls > 8:
        raise SourceFileError(
            f"'{written}' is not text: it holds binary data (give a .pdf, .html, .md or .txt file)"
        )


_META_CHARSET: Final = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(data: bytes, written: str) -> str:
    """HTML's text in the encoding its byte-order mark or ``<meta charset>`` names,
    else UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return decode_text(data, written)
    declared = _META_CHARSET.search(data[:4096])
    if declared is None:
        return decode_text(data, written)
    name = declared.group(1).decode("ascii")
    try:
        text = data.decode(name)
    except LookupError:
        raise SourceFileError(f"'{written}' declares an unknown encoding '{name}'") from None
    except UnicodeDecodeError as exc:
        raise SourceFileError(
            f"'{written}' is not valid {name} text (byte 0x{data[exc.start]:02X} at offset "
            f"{exc.start:,})"
        ) from None
    _refuse_binary(text, written)
    return text


_BLOCKS: Final = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "caption",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "main",
        "figure",
        "figcaption",
        "address",
        "hr",
        "details",
        "summary",
        "form",
        "fieldset",
        "legend",
    ]
)
_SKIPPED: Final = frozenset(["script", "style", "template", "head", "noscript", "svg", "math"])


class _Blocks(HTMLParser):
    """The text of an HTML page, block by block; scripts, styles and the head left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def _close(self) -> None:
        if self.current:
            self.blocks.append("".join(self.current))
            self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self._close()
        elif tag == "br":
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._close()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)


def html_blocks(html: str) -> list[str]:
    """The blocks of text of an HTML document (paragraphs, list items, headings…)."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    parser._close()
    return parser.blocks


def pdf_pages(data: bytes, written: str) -> list[str]:
    """The text of each page of a PDF, extracted by pypdf in a separate process that
    may take at most :data:`PDF_SECONDS` and :data:`PDF_MEMORY`."""
    if not data.startswith(b"%PDF-"):
        raise SourceFileError(f"'{written}' is not a PDF (it does not start with '%PDF-')")
    try:
        done = subprocess.run(
            [sys.executable, "-I", str(Path(__file__).with_name("pdf_text.py"))],
            input=data,
            capture_output=True,
            timeout=PDF_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SourceFileError(
            f"reading the text of '{written}' took longer than {PDF_SECONDS:.0f} s; "
            "give the text as a .txt file instead"
        ) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = said[-1] if said else f"the PDF reader stopped (exit {done.returncode})"
        raise SourceFileError(f"cannot read the PDF '{written}': {reason}")
    pages = json.loads(done.stdout)
    if not isinstance(pages, list) or not all(isinstance(p, str) for p in pages):
        raise SourceFileError(f"cannot read the PDF '{written}'")  # pragma: no cover
    if not "".join(pages).strip():
        raise SourceFileError(
            f"the PDF '{written}' has no text to quote (a scan without a text layer?)"
        )
    return pages
