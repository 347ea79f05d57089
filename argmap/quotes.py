"""Quotations checked against the sources' local copies.

A source may name a ``file`` (see :mod:`argmap.io.source_text`). Every ``evidence.quote``
citing it must then be in that file, verbatim after normalising white space, typographic
quotes and dashes (:func:`~argmap.io.source_text.normalise`); an ellipsis (``…``,
``...``, ``[...]``) marks words left out, so the parts around it must appear in order.
Case and words must match. For each quote found, where it is (page or paragraph) and the
sentence before and after it; for each quote not found, the closest passage of the
source and the words that differ.

Each file is read once per check, and its words indexed once: a quote is looked up by
its rarest whole word, not searched for through the whole text.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from argmap.diagnostics import Diagnostic, Location
from argmap.io.files import InputFile
from argmap.io.source_map import DataPath, SourceMap, format_path
from argmap.io.source_text import (
    SourceFileError,
    SourceText,
    normalise,
    origins,
    read_source,
    resolve,
)

_ELISION: Final = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*")
_WORD: Final = re.compile(r"\w+")
_TOKEN: Final = re.compile(r"\w+|[^\w\s]+")
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])[\"')\]]*\s+")
_SLACK: Final = 4
"""Tokens a passage may have beyond the quote's on either side (a word split in two,
quotation marks the quote left out)."""
_CANDIDATES: Final = 200
"""Places of each rare word of a quote considered for the closest passage."""
_FINALISTS: Final = 8
"""Passages compared word by word with a quote that is not in its source."""
CONTEXT_CHARS: Final = 300
"""At most this many characters of context on either side of a quote."""


def fragments(quote: str) -> list[str]:
    """A normalised quote's parts between its elisions (empty parts dropped)."""
    return [part for part in _ELISION.split(normalise(quote)) if part]


def _find_part(source: SourceText, part: str, start: int) -> int | None:
    """Where ``part`` first occurs in the source at or after ``start``: looked up by its
    rarest whole word (one bounded by other characters of the part on both sides)."""
    words = list(_WORD.finditer(part))[1:-1]
    if not words:
        found = source.text.find(part, start)
        return None if found == -1 else found
    anchor = min(words, key=lambda m: len(source.words.get(m.group(), ())))
    positions = source.words.get(anchor.group())
    if not positions:
        return None
    offset = anchor.start()
    text = source.text
    for at in positions[bisect.bisect_left(positions, start + offset) :]:
        if text.startswith(part, at - offset):
            return at - offset
    return None


def find(source: SourceText, quote: str) -> tuple[int, int] | None:
    """(start, end) of the quote in the source's normalised text, its elided parts in
    order; None when it is not there."""
    parts = fragments(quote)
    if not parts:
        return None
    found = _find_parts(source, parts)
    if found is None and parts[-1][-1] in _CLOSING and len(parts[-1]) > 1:
        # a quote may end its own sentence where the source's goes on ("…a day." for
        # "…a day;"): its closing punctuation is the writer's, as style guides allow
        found = _find_parts(source, [*parts[:-1], parts[-1][:-1].rstrip()])
    return found


_CLOSING: Final = ".,;:!?"


def _find_parts(source: SourceText, parts: list[str]) -> tuple[int, int] | None:
    start = end = 0
    for n, part in enumerate(parts):
        at = _find_part(source, part, end)
        if at is None:
            return None
        if n == 0:
            start = at
        end = at + len(part)
    return start, end


@dataclass(frozen=True)
class Closest:
    """The passage of a source most like a quote that is not in it."""

    passage: str
    locator: str
    differences: tuple[str, ...]


def closest(source: SourceText, quote: str) -> Closest | None:
    """The passage most like ``quote`` (the one holding most of its words and signs in
    order, ignoring case), and the words that differ; None when no passage holds half
    of them."""
    wanted = [m for m in _TOKEN.finditer(normalise(quote)) if not _ELISION.fullmatch(m.group())]
    if not wanted:
        return None
    tokens = _tokens(source)
    lower: list[str] = source.cache.setdefault("lower", [])
    at: dict[str, list[int]] = source.cache.setdefault("lower_at", {})
    if not lower:  # made once per source, for all its quotes that are not in it
        lower += [t.lower() for t, _, _ in tokens]
        for i, word in enumerate(lower):
            at.setdefault(word, []).append(i)
    want = [m.group().lower() for m in wanted]
    rare = sorted(
        ((len(at.get(w, ())), n) for n, w in enumerate(want) if _WORD.fullmatch(w) and w in at),
    )[:4]
    # Windows where the quote's rarest words stand, first ranked by how many of its
    # words they hold (cheap), then the best few by how many they hold in order.
    wanted_set = set(want)
    begins: dict[int, int] = {}
    for _, n in rare:
        for i in at[want[n]][:_CANDIDATES]:
            begin = max(0, i - n - _SLACK)
            if begin not in begins:
                window = lower[begin : begin + len(want) + 2 * _SLACK]
                begins[begin] = len(wanted_set.intersection(window))
    best: tuple[float, int] | None = None
    for begin in sorted(begins, key=lambda b: (-begins[b], b))[:_FINALISTS]:
        window = lower[begin : begin + len(want) + 2 * _SLACK]
        compared = difflib.SequenceMatcher(None, want, window, autojunk=False)
        share = sum(b.size for b in compared.get_matching_blocks()) / len(want)
        if best is None or share > best[0]:
            best = (share, begin)
    if best is None or best[0] < 0.5:
        return None
    begin = best[1]
    around = tokens[begin : begin + len(want) + 2 * _SLACK]
    quoted = [m.group() for m in wanted]
    matcher = difflib.SequenceMatcher(None, quoted, [t for t, _, _ in around], autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    lo = max(0, first.b - first.a)  # as many words before the first match as the quote has
    hi = min(len(around), last.b + last.size + len(quoted) - last.a - last.size)
    span = around[lo:hi]
    passage = source.text[span[0][1] : span[-1][2]]
    differences = _differences(quoted, [t for t, _, _ in span], span, source.text)
    return Closest(passage, source.locator(span[0][1]), tuple(differences))


def _tokens(source: SourceText) -> list[tuple[str, int, int]]:
    tokens: list[tuple[str, int, int]] | None = source.cache.get("tokens")
    if tokens is None:
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(source.text)]
        source.cache["tokens"] = tokens
    return tokens


def _differences(
    quoted: list[str], found: list[str], span: list[tuple[str, int, int]], text: str
) -> list[str]:
    said = []
    matcher = difflib.SequenceMatcher(None, quoted, found, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        theirs = text[span[b0][1] : span[b1 - 1][2]] if b1 > b0 else ""
        ours = _join(quoted[a0:a1])
        if op == "replace":
            said.append(f"source has '{theirs}', quote has '{ours}'")
        elif op == "delete":
            said.append(f"quote adds '{ours}'")
        else:
            said.append(f"quote leaves out '{theirs}' (mark a cut with '…')")
    return said


def _join(tokens: list[str]) -> str:
    text = ""
    for token in tokens:
        glue = "" if not text or not _WORD.match(token) or not _WORD.search(text[-1]) else " "
        text += glue + token
    return text


def context(source: SourceText, start: int, end: int) -> tuple[str, str, str]:
    """The text before the quote from the start of the sentence before it, the quote as
    the source has it, and the text after it to the end of the sentence after it, each
    at most :data:`CONTEXT_CHARS` long (cut at a word, with '…', when the sentences are
    longer), and never beyond the quote's page or paragraph: as the file writes them
    where that can be told, else normalised."""
    text = source.text
    first, last = source.unit_at(start), source.unit_at(max(start, end - 1))
    unit_start = source.starts[first - 1] if source.starts else 0
    unit_end = source.ends[last - 1] if source.ends else len(text)
    begin = max(unit_start, start - CONTEXT_CHARS)
    starts = [m.end() for m in _SENTENCE_END.finditer(text, begin, start)]
    cut_before = False
    if len(starts) >= 2:  # the previous sentence starts at the last start but one
        begin = starts[-2]
    elif begin > unit_start:
        space = text.find(" ", begin, start)
        begin, cut_before = (space + 1 if space != -1 else begin), True
    stop = min(unit_end, end + CONTEXT_CHARS)
    ends = [m.start() for m in _SENTENCE_END.finditer(text, end, stop)]
    closes = bool(ends) and ends[0] == end  # the quote ends its sentence
    if closes:
        ends = ends[1:]
    need = 1 if closes else 2  # to the end of the next sentence
    cut_after = False
    if len(ends) >= need:
        stop = ends[need - 1]
    elif stop == unit_end:
        pass
    elif ends:
        stop = ends[0]
    else:
        space = text.rfind(" ", end, stop)
        stop, cut_after = (space if space > end else stop), True
    shown = _as_written(source, begin, start, end, stop) or (
        text[begin:start],
        text[start:end],
        text[end:stop],
    )
    before, quoted, after = shown
    before, after = before.lstrip(), after.rstrip()
    return ("…" + before if cut_before else before), quoted, (after + "…" if cut_after else after)


def _as_written(
    source: SourceText, begin: int, start: int, end: int, stop: int
) -> tuple[str, str, str] | None:
    """Before, the quote, after, as the file writes them (typography kept, white space
    as single spaces), when all of it lies in one unit; else None."""
    unit = source.unit_at(start)
    if unit != source.unit_at(max(start, end - 1)) or unit > len(source.raw):
        return None
    base = source.starts[unit - 1]
    cache: dict[int, list[int] | None] = source.cache.setdefault("origins", {})
    if unit not in cache:
        cache[unit] = origins(source.raw[unit - 1])
    where = cache[unit]
    if where is None or stop - base > len(where) or begin < base:
        return None
    raw = source.raw[unit - 1]

    def at(offset: int) -> int:  # the raw index where the normalised offset starts
        return where[offset - base] if offset - base < len(where) else len(raw)

    def after_char(offset: int) -> int:  # just past the raw character of offset - 1
        return where[offset - 1 - base] + 1

    def tidy(piece: str) -> str:  # ligatures of a PDF's text as letters, spaces as one
        return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", piece))

    before = tidy(raw[at(begin) : at(start)]).lstrip()
    quoted = tidy(raw[at(start) : after_char(end)])
    after = tidy(raw[after_char(end) : after_char(stop)]).rstrip() if stop > end else ""
    return before, quoted, after


_PAGES: Final = re.compile(r"\b(?:pp?|pages?|pg)\.?\s*(\d+)(?:\s*[-–—]\s*(\d+))?", re.I)
_PARAS: Final = re.compile(r"(?:\bparas?|\bparagraphs?|¶)\.?\s*(\d+)(?:\s*[-–—]\s*(\d+))?", re.I)


def wrong_locator(given: str, source: SourceText, start: int, end: int) -> str | None:
    """The right locator when ``given`` names a page (or a paragraph) where the quote is
    not; None when it is right, or names something argmap cannot check (a section, a
    timestamp, a paragraph of a paged PDF)."""
    found = (_PAGES if source.unit == "page" else _PARAS).search(given)
    if found is None:
        return None
    first = int(found.group(1))
    last = int(found.group(2)) if found.group(2) else first
    here, there = source.unit_at(start), source.unit_at(max(start, end - 1))
    if here <= last and first <= there:
        return None
    return source.locator(start) if here == there else f"{source.locator(start)}–{there}"


@dataclass(frozen=True)
class QuoteCheck:
    """What the local copy says of one quotation: found (with where) or not (with the
    closest passage). Its context is read from the copy when first asked for (a brief
    shows it; ``check`` does not need it)."""

    source: str
    file: str
    verified: bool
    locator: str = ""
    closest: Closest | None = None
    text: SourceText | None = field(default=None, repr=False, compare=False)
    span: tuple[int, int] = (0, 0)
    """Where the quote is in the copy's normalised text."""

    def context(self) -> tuple[str, str, str]:
        """The text before the quote, the quote as the copy has it, and the text after:
        see :func:`context`; empty when the quote was not found."""
        if self.text is None or not self.verified:
            return "", "", ""
        shown: dict[tuple[int, int], tuple[str, str, str]]
        shown = self.text.cache.setdefault("context", {})
        if self.span not in shown:
            shown[self.span] = context(self.text, *self.span)
        return shown[self.span]


@dataclass
class Verification:
    """The checks of a debate's quotations against its sources' files."""

    checks: dict[tuple[str, int], QuoteCheck] = field(default_factory=dict)
    """(argument id, index of the evidence item) → its check."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    inputs: list[InputFile] = field(default_factory=list)
    """The source files read (no output may replace them)."""
    quotes: int = 0
    """Quotations in the debate."""
    without_file: int = 0
    """Quotations whose source has no ``file``: not checked."""

    @property
    def verified(self) -> int:
        return sum(1 for c in self.checks.values() if c.verified)

    @property
    def counts(self) -> tuple[int, int, int]:
        """Quotations in all, checked against a file, and found there (a report's
        ``quotes``)."""
        return self.quotes, self.quotes - self.without_file, self.verified


def verify(
    elements: Mapping[str, Iterable[tuple[int, Any]]],
    source_map: SourceMap | None,
    *,
    file: str,
    folder: Path,
    allow_outside: bool = False,
) -> Verification:
    """Check every quotation against its source's file, each file read once.

    ``folder`` is the debate's (files are named relative to it); a file outside it is
    refused unless ``allow_outside``. Diagnostics: E213 (the file cannot be used), E214
    (outside the folder), E212 (a quote not in the file), W313 (a wrong locator)."""
    done = Verification()

    def at(path: DataPath) -> Location:
        return source_map.value(path) if source_map is not None else Location(file)

    def problem(code: str, path: DataPath, message: str, hint: str | None) -> None:
        done.diagnostics.append(Diagnostic(code, message, at(path), hint, format_path(path)))

    texts: dict[str, SourceText | None] = {}
    names: dict[str, str] = {}
    read: dict[str, SourceText] = {}  # the same file named by two sources is read once
    for index, source in elements.get("sources", ()):
        written = getattr(source, "file", None)
        if not written:
            continue
        names[source.id] = written
        try:
            full = resolve(folder, written, allow_outside=allow_outside)
            key = os.path.realpath(full)
            if key not in read:
                read[key] = read_source(full, written)
                if read[key].input is not None:
                    done.inputs.append(read[key].input)  # type: ignore[arg-type]
            texts[source.id] = read[key]
        except SourceFileError as exc:
            texts[source.id] = None
            if exc.outside:
                problem(
                    "E214",
                    ("sources", index, "file"),
                    f"source '{source.id}': {exc}",
                    "keep source files in the debate's folder or below it; if you trust "
                    "this debate, run argmap with --allow-outside",
                )
            else:
                problem(
                    "E213",
                    ("sources", index, "file"),
                    f"source '{source.id}': {exc}",
                    "name a readable .txt, .md, .html or .pdf file, or remove 'file' and its "
                    "quotes go unchecked",
                )
    for a_index, argument in elements.get("arguments", ()):
        for e_index, item in enumerate(argument.evidence):
            if not item.quote:
                continue
            done.quotes += 1
            if item.source not in texts:
                done.without_file += 1
                continue
            text = texts[item.source]
            if text is None:  # its file could not be read: said once, at the file
                continue
            path = ("arguments", a_index, "evidence", e_index)
            where = find(text, item.quote)
            written = names[item.source]
            if where is None:
                near = closest(text, item.quote)
                done.checks[(argument.id, e_index)] = QuoteCheck(
                    item.source, written, False, closest=near
                )
                if near is None:
                    problem(
                        "E212",
                        (*path, "quote"),
                        f"argument '{argument.id}' quotes words that are not in "
                        f"'{written}' (source '{item.source}'), nor anything close to them",
                        "quote the source verbatim; mark words you leave out with '…'",
                    )
                else:
                    said = "; ".join(near.differences[:3]) or "the words differ"
                    more = len(near.differences) - 3
                    if more > 0:
                        said += f"; and {more} more difference{'s' if more > 1 else ''}"
                    problem(
                        "E212",
                        (*path, "quote"),
                        f"argument '{argument.id}' quotes words that are not in "
                        f"'{written}' (source '{item.source}'); the closest passage "
                        f"({near.locator}) reads: {_shorten(near.passage)}",
                        f"{said}; quote the source verbatim",
                    )
                continue
            start, end = where
            done.checks[(argument.id, e_index)] = QuoteCheck(
                item.source, written, True, text.locator(start), text=text, span=where
            )
            if item.locator:
                right = wrong_locator(item.locator, text, start, end)
                if right is not None:
                    problem(
                        "W313",
                        (*path, "locator"),
                        f"the quote of argument '{argument.id}' is at {right} of "
                        f"'{written}', not at '{item.locator}'",
                        f"write locator: {right}, or leave it out: argmap finds it",
                    )
    return done


def _shorten(text: str, limit: int = 160) -> str:
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 1].rstrip()}…'"
