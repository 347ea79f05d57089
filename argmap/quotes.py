"""Quotations checked against the sources' local copies.

A source may name a ``file`` (see :mod:`argmap.io.source_text`). Every ``evidence.quote``
citing it must then be in that file, word for word, as :mod:`argmap.quote_search`
finds it: typography aside, the same words, none cut in the middle, elisions (``…``,
``...``, ``[...]``) that leave out no negation or hedge and stay within a paragraph or
page, and in text a reader of the file can see. For each quote found, where it is (page
or paragraph), the sentence before and after it, and what its elisions leave out; for
each quote not found, the closest passage of the source and the words that differ.

Each file is read once per check, and its words indexed once: a quote is looked up by
its rarest whole word, not searched for through the whole text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.diagnostics import Diagnostic, Location, first_few
from argmap.io.files import InputFile
from argmap.io.source_map import DataPath, SourceMap, format_path

if TYPE_CHECKING:
    from argmap.io.source_text import SourceText
    from argmap.quote_search import Closest

# Reading sources' files and searching them (argmap.io.source_text, argmap.quote_search,
# and the HTML and PDF readers with them) is imported only by a debate whose sources
# name files: 13-18 ms of every command otherwise.

__all__ = ["QuoteCheck", "Verification", "verify"]


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
    parts: tuple[tuple[int, int], ...] = ()
    """Where each part of the quote (between its elisions) is in the copy's normalised
    text."""

    @property
    def span(self) -> tuple[int, int]:
        """Where the quote is in the copy's normalised text, elided words included."""
        return (self.parts[0][0], self.parts[-1][1]) if self.parts else (0, 0)

    def context(self) -> tuple[str, str, str]:
        """The text before the quote, the quote as the copy has it, and the text after:
        see :func:`context`; empty when the quote was not found."""
        if self.text is None or not self.verified:
            return "", "", ""
        from argmap.quote_search import context

        shown: dict[tuple[int, int], tuple[str, str, str]]
        shown = self.text.cache.setdefault("context", {})
        if self.span not in shown:
            shown[self.span] = context(self.text, *self.span)
        return shown[self.span]

    def left_out(self) -> list[str]:
        """What each elision of the quote leaves out, as the copy writes it (empty when
        the quote has none, or was not found)."""
        if self.text is None or not self.verified:
            return []
        from argmap.quote_search import Found, as_written

        gaps = Found(self.parts).gaps()
        return [as_written(self.text, start, end).strip() for start, end in gaps]


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
    (outside the folder), E212 (a quote not in the file), E215 (an elision that leaves
    out a negation or hedge), E216 (an elision a reader cannot check), W313 (a wrong
    locator), W314 (a quote too short to verify), W315 (a file whose text may not be
    what its reader sees)."""
    done = Verification()
    named = [(i, s) for i, s in elements.get("sources", ()) if getattr(s, "file", None)]
    if named:  # what reads and searches a file: a debate whose sources name none spares it
        from argmap.io.source_text import SourceFileError, read_source, resolve
        from argmap.quote_search import (
            MIN_WORDS,
            Refused,
            closest,
            find,
            fragments,
            longer_than_a_sentence,
            named_units,
            words,
            wrong_locator,
        )

    def at(path: DataPath) -> Location:
        return source_map.value(path) if source_map is not None else Location(file)

    def problem(code: str, path: DataPath, message: str, hint: str | None) -> None:
        done.diagnostics.append(Diagnostic(code, message, at(path), hint, format_path(path)))

    texts: dict[str, SourceText | None] = {}
    names: dict[str, str] = {}
    read: dict[str, SourceText] = {}  # the same file named by two sources is read once
    indexes: dict[str, int] = {}
    for index, source in named:  # the quotes of the others go unchecked
        written = source.file
        names[source.id] = written
        indexes[source.id] = index
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
                hint = (
                    f"did you mean '{exc.suggestion}'?"
                    if exc.suggestion
                    else "name a readable .txt, .md, .html or .pdf file, or remove 'file' and "
                    "its quotes go unchecked"
                )
                problem("E213", ("sources", index, "file"), f"source '{source.id}': {exc}", hint)
    uncertain: set[str] = set()  # sources whose text's doubts were said
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
            written = names[item.source]
            if item.source not in uncertain:
                uncertain.add(item.source)
                doubt = _doubt(text, written)
                if doubt is not None:
                    where_file = ("sources", indexes[item.source], "file")
                    problem("W315", where_file, f"source '{item.source}': {doubt[0]}", doubt[1])
            across = named_units(item.locator, text) if item.locator else None
            where = find(text, item.quote, across=across)
            cited = f"argument '{argument.id}' quotes"
            of = f"'{written}' (source '{item.source}')"
            if where is None:
                near = closest(text, item.quote)
                done.checks[(argument.id, e_index)] = QuoteCheck(
                    item.source, written, False, closest=near
                )
                problem("E212", (*path, "quote"), *_not_found(text, item.quote, cited, of, near))
                continue
            if isinstance(where, Refused):
                done.checks[(argument.id, e_index)] = QuoteCheck(item.source, written, False)
                problem(
                    where.code, (*path, "quote"), f"{cited} {of}, but {where.reason}", where.hint
                )
                continue
            start, end = where.span
            count = len(words(" ".join(fragments(item.quote))))
            short = count == 0 or (count < MIN_WORDS and longer_than_a_sentence(text))
            done.checks[(argument.id, e_index)] = QuoteCheck(
                item.source,
                written,
                not short,
                text.locator(start),
                text=text,
                parts=where.parts,
            )
            if short:
                problem(
                    "W314",
                    (*path, "quote"),
                    f"{cited} {count} word{'s' if count != 1 else ''} of {of}: too few to "
                    f"show what the source says, so it is not marked verified",
                    f"quote at least {MIN_WORDS} words, as the source writes them",
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


def _not_found(
    text: SourceText, quote: str, cited: str, of: str, near: Closest | None
) -> tuple[str, str]:
    """The message and hint of E212 for a quote that is not in its source: in text a
    reader cannot see, only inside longer words, or with the closest passage."""
    from argmap.quote_search import Found, find, inside_words

    hidden = text.hidden_text()
    if hidden is not None:
        there = find(hidden, quote)
        if isinstance(there, Found):
            why = text.hidden[hidden.unit_at(there.span[0]) - 1][1]
            return (
                f"{cited} words that {of} holds only where a reader cannot see them: in {why}",
                "quote what the source shows its readers",
            )
    longer = inside_words(text, quote)
    if longer:
        said = ", ".join(f"'{w}'" for w in longer)
        return (
            f"{cited} words that {of} has only inside longer words ({said})",
            "quote whole words: a part of a word can say the opposite of the word",
        )
    if near is None:
        return (
            f"{cited} words that are not in {of}, nor anything close to them",
            "quote the source verbatim; mark words you leave out with '…'",
        )
    said = "; ".join(near.differences[:3]) or "the words differ"
    more = len(near.differences) - 3
    if more > 0:
        said += f"; and {more} more difference{'s' if more > 1 else ''}"
    return (
        f"{cited} words that are not in {of}; the closest passage ({near.locator}) reads: "
        f"{_shorten(near.passage)}",
        f"{said}; quote the source verbatim",
    )


def _doubt(text: SourceText, written: str) -> tuple[str, str] | None:
    """W315's message and hint when the text argmap reads of a file may not be what its
    reader sees: a scan's OCR layer, or style rules that hide text argmap cannot tell."""
    if text.scanned:
        pages = first_few([str(n) for n in text.scanned], 8)
        return (
            f"'{written}' is scanned on page{'s' if len(text.scanned) > 1 else ''} "
            f"{pages}: their text is what OCR read (the invisible text over the image), "
            "and quotes from them are checked against it, not against the image",
            "check those quotes against the page itself, or give the text as a .txt file",
        )
    if text.unapplied:
        rules = first_few([f"'{r}'" for r in text.unapplied], 3)
        return (
            f"'{written}' hides or adds text by style rules argmap cannot apply ({rules}"
            "); the text they hide is treated as visible, and the text they add is "
            "not read",
            "save the text a reader sees as a .txt file, or check those quotes by hand",
        )
    return None


def _shorten(text: str, limit: int = 160) -> str:
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 1].rstrip()}…'"
