"""Where a quotation is in its source's text, word for word, and where it is not.

A quote is compared with the source after both are normalised for typography only
(:mod:`argmap.io.typography`). It is found only where the source says it word for word:

- every part of it (the text between its elisions, ``…``, ``...``, ``[...]``) starts and
  ends at word boundaries of the source: not inside a word ("safe" is not in "unsafe",
  "10" is not in "10⁶", "can" is not in "can't", "lethal" is not in "non-lethal");
- the parts come in order, each gap lies within one paragraph or page (across several
  only where the quote's locator names a range, "pp. 2–3"), and each part holds at least
  two words, so that an elision joins phrases, not letters;
- no gap leaves out a negation or a hedge (:data:`REVERSING`): "We will … ban phones"
  is not what "We will not ban phones" says;
- the quote's closing ``?`` or ``!`` is the source's; a closing full stop may be the
  writer's, where the source's sentence goes on (and does not end with ``?`` or ``!``).

Every part is looked up by its rarest whole word, not searched for through the whole
text. For a quote that is not there, :func:`closest` finds the passage most like it.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from argmap.io.source_text import SourceText, is_word
from argmap.io.typography import letters, normalise, origins

ELISION_MARK: Final = re.compile(r"(\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)")
"""An elision mark as a writer types it: ``…``, ``...`` or ``[...]``."""
_ELISION: Final = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*")
_WORD: Final = re.compile(r"\w+")
_WHOLE_WORD: Final = re.compile(r"\w+(?:['-]\w+)*")
"""A word as a reader counts it: "don't" and "long-term" are one word each."""
_TOKEN: Final = re.compile(r"\w+|[^\w\s]+")
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])[\"')\]]*\s+")
_SLACK: Final = 4
"""Tokens a passage may have beyond the quote's on either side (a word split in two,
quotation marks the quote left out)."""
_CANDIDATES: Final = 200
"""Places of each rare word of a quote considered for the closest passage."""
_FINALISTS: Final = 8
"""Passages compared word by word with a quote that is not in its source."""
_STEPS: Final = 20_000
"""Places tried for the parts of one elided quote before argmap gives up on it."""
CONTEXT_CHARS: Final = 300
"""At most this many characters of context on either side of a quote."""
MIN_WORDS: Final = 3
"""A quote of fewer words is not verified against a source longer than a sentence: so
short a phrase says little about what the source says."""
PART_WORDS: Final = 2
"""Words each part of an elided quote must hold."""

NEGATIONS: Final = frozenset(
    [
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "nowhere",
        "neither",
        "nor",
        "cannot",
        "without",
        "fail",
        "fails",
        "failed",
    ]
)
"""Words that negate (and any word ending in "n't"): leaving one out says the opposite."""
HEDGES: Final = frozenset(
    [
        "hardly",
        "scarcely",
        "barely",
        "only",
        "unless",
        "except",
        "if",
        "may",
        "might",
        "could",
        "perhaps",
        "possibly",
        "probably",
        "likely",
        "unlikely",
        "allegedly",
        "reportedly",
        "supposedly",
        "apparently",
        "seemingly",
        "rarely",
        "seldom",
        "almost",
        "nearly",
        "partly",
        "partially",
        "sometimes",
        "some",
        "few",
        "fewer",
        "less",
        "least",
    ]
)
"""Words that limit or qualify a claim: leaving one out says more than the source."""
REVERSING: Final = NEGATIONS | HEDGES
"""Words an elision may not leave out (documented in docs/format.md)."""


def fragments(quote: str) -> list[str]:
    """A normalised quote's parts between its elisions (empty parts dropped)."""
    return [part for part in _ELISION.split(normalise(quote)) if part]


def words(text: str) -> list[str]:
    """The words of ``text`` as a reader counts them."""
    return _WHOLE_WORD.findall(text)


@dataclass(frozen=True)
class Found:
    """Where a quote is: each of its parts as (start, end) in the source's text."""

    parts: tuple[tuple[int, int], ...]

    @property
    def span(self) -> tuple[int, int]:
        return self.parts[0][0], self.parts[-1][1]

    def gaps(self) -> list[tuple[int, int]]:
        """What the quote's elisions leave out, as (start, end) in the source's text."""
        return [(a[1], b[0]) for a, b in zip(self.parts, self.parts[1:], strict=False)]


@dataclass(frozen=True)
class Refused:
    """The quote's words are in the source, but the quote is not what the source says:
    ``code`` (E215 for a negation or hedge left out, E216 for an elision a reader
    cannot check) and why, in words."""

    code: str
    reason: str
    found: Found
    hint: str = ""


def find(source: SourceText, quote: str, *, across: range | None = None) -> Found | Refused | None:
    """Where ``quote`` is in ``source`` (see the module); :class:`Refused` when its
    words are there but an elision of it is not allowed; None when it is not there.
    ``across``: the units the quote's locator names, over which an elision may reach."""
    parts = fragments(quote)
    if not parts:
        return None
    attempts = [(parts, False)]
    last = parts[-1]
    if last.endswith(".") and not last.endswith("..") and len(last) > 1:
        # a quote may end its own sentence where the source's goes on ("…a day." for
        # "…a day;"), as style guides allow; never where the source asks or exclaims
        attempts.append(([*parts[:-1], last[:-1].rstrip()], True))
    for wanted, trimmed in attempts:
        if not wanted[-1]:
            continue
        strict = _align(source, wanted, trimmed, across, strict=True)
        if strict is not None:
            return strict
    for wanted, trimmed in attempts:
        if not wanted[-1]:
            continue
        loose = _align(source, wanted, trimmed, across, strict=False)
        if loose is not None:
            return _refusal(source, wanted, loose, across)
    return None


def _refusal(
    source: SourceText, parts: list[str], found: Found, across: range | None
) -> Refused | Found:
    """Why a quote whose parts are all in the source, in order, is refused."""
    text = source.text
    for (start, end), (a, b) in zip(found.gaps(), itertools.pairwise(parts), strict=False):
        left = reversing(text[start:end])
        if left:
            said = " and ".join(f"'{w}'" for w in left[:3])
            negates = any(w.lower() in NEGATIONS or w.lower().endswith("n't") for w in left)
            result = "the opposite of" if negates else "more than"
            return Refused(
                "E215",
                f"its elision between '{_tail(a)}' and '{_head(b)}' leaves out "
                f"'{_shorten(text[start:end].strip(), 80)}': without {said} the quote says "
                f"{result} the source",
                found,
                "quote the words in full: a reader must see what the source says",
            )
        if not _same_units(source, start, end, across):
            first, last = source.locator(start), source.locator(max(start, end))
            plural = "pp." if source.unit == "page" else "paras."
            both = f"{plural} {first.split()[-1]}-{last.split()[-1]}"
            return Refused(
                "E216",
                f"its elision between '{_tail(a)}' and '{_head(b)}' joins {first} to {last}",
                found,
                f"quote each {source.unit}'s words as a quote of its own, or name both in "
                f"the locator: {both}",
            )
    short = [p for p in parts if len(words(p)) < PART_WORDS]
    if len(parts) > 1 and short:
        return Refused(
            "E216",
            f"the part '{short[0]}' beside an elision holds fewer than {PART_WORDS} words",
            found,
            f"let each part around '…' hold at least {PART_WORDS} whole words, or quote "
            "the words in full",
        )
    return found  # allowed after all (the strict search gave up on too many places)


def reversing(left_out: str) -> list[str]:
    """The negations and hedges among the words an elision leaves out."""
    found = []
    for word in words(left_out):
        low = word.lower()
        if low in REVERSING or low.endswith("n't"):
            found.append(word)
    return list(dict.fromkeys(found))


def _same_units(source: SourceText, start: int, end: int, across: range | None) -> bool:
    first, last = source.unit_at(max(0, start - 1)), source.unit_at(end)
    if first == last:
        return True
    return across is not None and first in across and last in across


def _align(
    source: SourceText, parts: list[str], trimmed: bool, across: range | None, *, strict: bool
) -> Found | None:
    """Places for ``parts`` in order, each at word boundaries. Strictly: each part of
    at least two words (when there are several), no gap across units (beyond
    ``across``) and none leaving out a negation or hedge, trying other places for
    earlier parts when a later one does not fit. Loosely: the first place of each."""
    if strict and len(parts) > 1 and any(len(words(p)) < PART_WORDS for p in parts):
        return None
    text = source.text
    budget = [_STEPS]

    def ends_right(end: int) -> bool:  # a trimmed full stop: the sentence goes on
        return not trimmed or not text[end : end + 2].lstrip().startswith(("?", "!"))

    def place(n: int, start: int) -> tuple[tuple[int, int], ...] | None:
        part = parts[n]
        for at in _places(source, part, start):
            budget[0] -= 1
            if budget[0] < 0:
                return None
            end = at + len(part)
            if n and strict:
                gap_start = start
                if not _same_units(source, gap_start, at, across):
                    return None  # later places are further away still
                if reversing(text[gap_start:at]):
                    return None  # later places leave out the same words and more
            if n == len(parts) - 1:
                if ends_right(end):
                    return ((at, end),)
                continue
            rest = place(n + 1, end)
            if rest is not None:
                return ((at, end), *rest)
            if not strict:
                return None
        return None

    found = place(0, 0)
    return Found(found) if found is not None else None


def _places(source: SourceText, part: str, start: int) -> Iterator[int]:
    """Each place at or after ``start`` where ``part`` stands at word boundaries, in
    order: found by its rarest whole word (one bounded by other characters of the part
    on both sides), else by a search of the text."""
    text = source.text
    inner = list(_WORD.finditer(part))[1:-1]
    bounded_start = is_word(part[0])
    bounded_end = is_word(part[-1])

    def fits(at: int) -> bool:
        if bounded_start and source.inside_word(at):
            return False
        return not (bounded_end and source.inside_word(at + len(part)))

    if not inner:
        at = text.find(part, start)
        while at != -1:
            if fits(at):
                yield at
            at = text.find(part, at + 1)
        return
    anchor = min(inner, key=lambda m: len(source.words.get(m.group(), ())))
    positions = source.words.get(anchor.group(), [])
    offset = anchor.start()
    for word_at in positions[bisect.bisect_left(positions, start + offset) :]:
        at = word_at - offset
        if text.startswith(part, at) and fits(at):
            yield at


def inside_words(source: SourceText, quote: str) -> list[str]:
    """The source's longer words that hold the quote's first or last word, when the
    quote is in the source only as part of longer words ("unsafe" for "safe…")."""
    parts = fragments(quote)
    if not parts:
        return []
    text = source.text
    at = text.find(parts[0])
    seen: list[str] = []
    tried = 0
    while at != -1 and tried < 50:
        tried += 1
        for edge in (at, at + len(parts[0])):
            if source.inside_word(edge):
                seen.append(_word_around(text, edge))
        at = text.find(parts[0], at + 1)
    return list(dict.fromkeys(seen))[:3]


def _word_around(text: str, offset: int) -> str:
    start = offset
    while start > 0 and (is_word(text[start - 1]) or text[start - 1] in "'-"):
        start -= 1
    end = offset
    while end < len(text) and (is_word(text[end]) or text[end] in "'-"):
        end += 1
    return text[start:end].strip("'-")


def longer_than_a_sentence(source: SourceText) -> bool:
    """Whether the source says more than one sentence."""
    cached: bool | None = source.cache.get("long")
    if cached is None:
        cached = len(source.starts) > 1 or _SENTENCE_END.search(source.text.strip()) is not None
        source.cache["long"] = cached
    return cached


def _head(part: str) -> str:
    found = words(part)
    return " ".join(found[:2]) if found else part


def _tail(part: str) -> str:
    found = words(part)
    return " ".join(found[-2:]) if found else part


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else f"{text[: limit - 1].rstrip()}…"


# -- the closest passage ----------------------------------------------------------------


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


# -- context ------------------------------------------------------------------------------


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
    before = as_written(source, begin, start).lstrip()
    quoted = as_written(source, start, end).strip()
    after = as_written(source, end, stop).rstrip() if stop > end else ""
    return ("…" + before if cut_before else before), quoted, (after + "…" if cut_after else after)


def as_written(source: SourceText, start: int, end: int) -> str:
    """The source's text from ``start`` to ``end`` (offsets in its normalised text) as
    the file writes it (typography kept, ligatures as letters, each run of white space
    as one space, the space before ``start`` included) when it lies in one unit whose
    characters can be traced; else normalised."""
    if end <= start:
        return ""
    unit = source.unit_at(start)
    if unit != source.unit_at(max(start, end - 1)) or unit > len(source.raw):
        return source.text[start:end]
    base = source.starts[unit - 1]
    cache: dict[int, list[int] | None] = source.cache.setdefault("origins", {})
    if unit not in cache:
        cache[unit] = origins(source.raw[unit - 1])
    where = cache[unit]
    if where is None or end - base > len(where) or start < base:
        return source.text[start:end]
    raw = source.raw[unit - 1]
    first = where[start - 1 - base] + 1 if start > base else 0
    return letters(raw[first : where[end - 1 - base] + 1])


_PAGES: Final = re.compile(r"\b(?:pp?|pages?|pg)\.?\s*(\d+)(?:\s*[-–—]\s*(\d+))?", re.I)
_PARAS: Final = re.compile(r"(?:\bparas?|\bparagraphs?|¶)\.?\s*(\d+)(?:\s*[-–—]\s*(\d+))?", re.I)


def named_units(given: str, source: SourceText) -> range | None:
    """The pages (or paragraphs) a locator names, when it names them as argmap can
    read them (``p. 2``, ``pp. 2–3``, ``para. 4``, ``¶ 4-5``); None otherwise."""
    found = (_PAGES if source.unit == "page" else _PARAS).search(given)
    if found is None:
        return None
    first = int(found.group(1))
    last = int(found.group(2)) if found.group(2) else first
    return range(first, max(first, last) + 1)


def wrong_locator(given: str, source: SourceText, start: int, end: int) -> str | None:
    """The right locator when ``given`` names a page (or a paragraph) where the quote is
    not; None when it is right, or names something argmap cannot check (a section, a
    timestamp, a paragraph of a paged PDF)."""
    named = named_units(given, source)
    if named is None:
        return None
    here, there = source.unit_at(start), source.unit_at(max(start, end - 1))
    if here <= named[-1] and named[0] <= there:
        return None
    return source.locator(start) if here == there else f"{source.locator(start)}–{there}"
