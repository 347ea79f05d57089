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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from argmap.io.files import InputFile, NotAFileError, TooLargeError, read_file
from argmap.io.source_html import read_html
from argmap.io.typography import JOIN, flat, marked, normalise

MAX_SOURCE_BYTES: Final = 32 * 1024 * 1024
"""The largest source file argmap reads (32 MiB)."""
PDF_SECONDS: Final = 20.0
"""How long the text of one PDF may take to extract before argmap gives up on it."""
PDF_MEMORY: Final = 1024 * 1024 * 1024
"""How much memory the PDF reader's process may take (1 GiB)."""

Unit = Literal["page", "paragraph"]


class SourceFileError(Exception):
    """A source's file cannot be used: one line for people, whether the problem is where
    it points (outside the debate's folder) rather than what it holds, and the name of a
    file that is there when the one named is not (a slip of typing)."""

    def __init__(
        self, message: str, *, outside: bool = False, suggestion: str | None = None
    ) -> None:
        super().__init__(message)
        self.outside = outside
        self.suggestion = suggestion


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
    """Each whole word of ``text`` → the offsets where it starts."""
    ends: list[int] = field(default_factory=list)
    """Where each unit ends (units are joined by a space, or nothing beside a dash)."""
    joins: frozenset[int] = frozenset()
    """Offsets of the hyphens of ``text`` that join a word ("non-lethal")."""
    hidden: list[tuple[str, str]] = field(default_factory=list)
    """Text of the file a reader cannot see, with why (a quote of it is refused)."""
    unapplied: list[str] = field(default_factory=list)
    """Rules of an HTML page's stylesheet that hide text argmap could not tell."""
    scanned: list[int] = field(default_factory=list)
    """Pages of a PDF whose text is a scan's OCR layer (invisible text over an image)."""
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

    def inside_word(self, offset: int) -> bool:
        """Whether ``offset`` falls inside a word of the text: between two of its
        letters or digits, or beside an apostrophe or a hyphen that joins two."""
        text = self.text
        if offset <= 0 or offset >= len(text):
            return False
        before, after = text[offset - 1], text[offset]
        if is_word(before) and is_word(after):
            return True
        if is_word(before) and offset + 1 < len(text) and is_word(text[offset + 1]):
            return self._joins(offset)
        if is_word(after) and offset >= 2 and is_word(text[offset - 2]):
            return self._joins(offset - 1)
        return False

    def _joins(self, at: int) -> bool:
        return self.text[at] == "'" or (self.text[at] == "-" and at in self.joins)

    def hidden_text(self) -> SourceText | None:
        """The text a reader cannot see, as a source text of its own (one unit for each
        hidden passage), or None when there is none."""
        if not self.hidden:
            return None
        made: SourceText | None = self.cache.get("hidden")
        if made is None:
            made = of_units(self.name, self.unit, [text for text, _ in self.hidden])
            self.cache["hidden"] = made
        return made


_WORD: Final = re.compile(r"\w+")


def is_word(char: str) -> bool:
    """Whether ``char`` is a character of a word (as ``\\w`` matches it)."""
    return char.isalnum() or char == "_"


def of_units(
    name: str,
    unit: Unit,
    units: list[str],
    *,
    hidden: list[tuple[str, str]] | None = None,
    unapplied: list[str] | None = None,
) -> SourceText:
    """A source text from its pages or paragraphs (empty ones are not counted); what a
    reader of the file cannot see is kept apart in ``hidden``, with why."""
    joined: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    kept: list[str] = []
    joins: list[int] = []
    offset = 0
    for raw in units:
        text = marked(raw)
        if not text:
            continue
        if joined:  # units joined as normalise() joins them in one text
            if joined[-1].endswith("-") and text.startswith(("-", JOIN)):
                joined[-1] = joined[-1][:-1]  # two dashes beside each other are one
                offset -= 1
                ends[-1] -= 1
            gap = "" if joined[-1].endswith("-") or text.startswith(("-", JOIN)) else " "
            joined.append(gap)
            offset += len(gap)
        starts.append(offset)
        at = text.find(JOIN, 1)
        while 0 < at < len(text) - 1:  # a hyphen at a unit's edge is beside a gap
            joins.append(offset + at)
            at = text.find(JOIN, at + 1)
        joined.append(flat(text))
        kept.append(raw)
        offset += len(text)
        ends.append(offset)
    return SourceText(
        name,
        unit,
        "".join(joined),
        starts,
        kept,
        ends=ends,
        joins=frozenset(joins),
        hidden=[(t, why) for t, why in hidden or () if normalise(t)],
        unapplied=list(unapplied or ()),
    )


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
        raise SourceFileError(
            f"there is no file '{written}' in the debate's folder",
            suggestion=_nearest_file(path, written),
        ) from None
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
        pages = pdf_pages(data, written)
        # invisible text over an image is a scan's OCR layer: the text of what the
        # reader sees, as OCR read it (said in a warning); anywhere else it is hidden
        units = [f"{v}\n{h}" if scanned else v for v, h, scanned in pages]
        hidden = [(h, _INVISIBLE_INK) for _, h, scanned in pages if h.strip() and not scanned]
        scans = [n for n, (_, h, scanned) in enumerate(pages, 1) if scanned and h.strip()]
        text = of_units(written, "page", units, hidden=hidden)
        text.scanned = scans
    elif kind in ("html", "markdown"):
        if kind == "html":
            html = decode_html(data, written)
        else:
            from markdown_it import MarkdownIt

            html = MarkdownIt("commonmark").render(decode_text(data, written))
        page = read_html(html)
        text = of_units(
            written, "paragraph", page.blocks, hidden=page.hidden, unapplied=page.unapplied
        )
    else:
        text = of_units(written, "paragraph", _PARAGRAPHS.split(decode_text(data, written)))
    text.input = input_file
    return text


_LISTED: Final = 1000
"""The most names of a folder looked at for a file named with a slip."""


def _nearest_file(path: Path, written: str) -> str | None:
    """The name, written as ``written`` is, of the file in its folder most like the
    one it names (``council-minute.txt`` for ``council-minutes.txt``); None if none is."""
    from argmap.diagnostics import closest

    folder = path.parent
    try:
        with os.scandir(folder) as entries:
            names = [e.name for _, e in zip(range(_LISTED), entries, strict=False) if e.is_file()]
    except OSError:
        return None
    stems = {Path(n).stem: n for n in names if Path(n).suffix.lower() == path.suffix.lower()}
    stem = closest(path.stem, list(stems))  # the name, not the shared '.txt', must be alike
    if stem is None:
        return None
    close = stems[stem]
    head, _, _ = written.replace("\\", "/").rpartition("/")
    return f"{head}/{close}" if head else close


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


_INVISIBLE_INK: Final = "text the PDF draws invisibly (text render mode 3 or 7)"


def pdf_pages(data: bytes, written: str) -> list[tuple[str, str, bool]]:
    """The text of each page of a PDF, as (what a reader sees, what the page draws
    invisibly, whether it draws an image too), extracted by pypdf in a separate process
    that may take at most :data:`PDF_SECONDS` and :data:`PDF_MEMORY`."""
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
    shape = (str, str, bool)
    if not isinstance(pages, list) or not all(
        isinstance(p, list) and len(p) == 3 and all(map(isinstance, p, shape)) for p in pages
    ):
        raise SourceFileError(f"cannot read the PDF '{written}'")  # pragma: no cover
    if not "".join(v + (h if scanned else "") for v, h, scanned in pages).strip():
        raise SourceFileError(
            f"the PDF '{written}' has no text to quote (a scan without a text layer?)"
        )
    return [(v, h, scanned) for v, h, scanned in pages]
