"""Diagnostics: what is wrong in a debate file, where, and what to do about it.

Every diagnostic carries a stable code from :data:`CODES`. Codes never change meaning;
new checks get new codes. Severity ``error`` makes ``argmap check`` fail, ``warning`` only
with ``--strict``; ``note`` never fails.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Final


class Severity(StrEnum):
    """How serious a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Code:
    """A stable diagnostic code: its identifier, a short name and what it means."""

    code: str
    name: str
    severity: Severity
    summary: str


def _codes(*codes: Code) -> dict[str, Code]:
    return {c.code: c for c in codes}


E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTE

CODES: Final[dict[str, Code]] = _codes(
    # Reading the file
    Code("E001", "unreadable-file", E, "the file cannot be read"),
    Code("E002", "file-too-large", E, "the file is larger than argmap reads"),
    Code("E003", "not-utf8", E, "the file is not valid UTF-8 text"),
    Code("E004", "yaml-syntax", E, "the YAML cannot be parsed"),
    Code("E005", "json-syntax", E, "the JSON cannot be parsed"),
    Code("E006", "duplicate-key", E, "a key appears twice in one mapping"),
    Code("E007", "yaml-alias", E, "YAML anchors and aliases are not allowed"),
    Code("E008", "yaml-tag", E, "explicit YAML tags are not allowed"),
    Code("E009", "multiple-documents", E, "the file holds more than one YAML document"),
    Code("E010", "too-deep", E, "the data is nested too deeply"),
    Code("E011", "non-finite-number", E, "NaN, Infinity or a number too large to hold, in JSON"),
    Code("E012", "bad-key", E, "a mapping key is not plain text"),
    Code("E013", "not-a-debate", E, "the file is empty or not a mapping of fields"),
    # The shape of the data (the schema)
    Code("E101", "unknown-field", E, "a field the format does not define"),
    Code("E102", "missing-field", E, "a required field is missing"),
    Code("E103", "wrong-type", E, "a value of the wrong type (text, list, mapping…)"),
    Code("E104", "invalid-value", E, "a value outside what the field accepts"),
    Code("E105", "invalid-id", E, "an id that is not a slug"),
    Code("E106", "unsupported-version", E, "a format version this argmap cannot read"),
    Code("E107", "invalid-url", E, "a URL that is not http or https"),
    Code("E108", "invalid-date", E, "a date that is not an ISO date"),
    Code(
        "E109",
        "control-character",
        E,
        "text that holds a control character or half a character (a lone surrogate)",
    ),
    # The debate's structure
    Code("E201", "duplicate-id", E, "two elements share one id"),
    Code("E202", "unknown-reference", E, "a reference to an id that does not exist"),
    Code("E203", "wrong-reference-kind", E, "a reference to an element of the wrong kind"),
    Code("E204", "no-target", E, "an argument that supports, attacks and undercuts nothing"),
    Code("E205", "self-reference", E, "an element that refers to itself"),
    Code("E206", "support-cycle", E, "arguments that support each other in a circle"),
    Code("E207", "part-of-cycle", E, "actors that are part of each other in a circle"),
    Code(
        "E208", "undercut-without-inference", E, "an undercut aimed at something with no inference"
    ),
    Code("E209", "co-premise-targets", E, "co-premises (linked_with) with different targets"),
    Code("E210", "unknown-criterion", E, "an assessment of a criterion the debate does not list"),
    Code(
        "E211",
        "outline-too-deep",
        E,
        "an argument more levels beneath its option than argmap draws",
    ),
    Code("E212", "quote-not-in-source", E, "a quotation that is not in its source's local copy"),
    Code(
        "E213",
        "source-file-unreadable",
        E,
        "a source's file that is missing, unreadable, too large or not text",
    ),
    Code(
        "E214",
        "source-file-outside",
        E,
        "a source's file outside the debate's folder (without --allow-outside)",
    ),
    Code(
        "E215",
        "elision-reverses-source",
        E,
        "a quotation whose elision leaves out a negation or hedge (not, never, only, unless…)",
    ),
    Code(
        "E216",
        "unverifiable-elision",
        E,
        "an elision inside a word, between parts of fewer than two words, or across pages "
        "or paragraphs its locator does not name",
    ),
    # Advice for authors
    Code("W301", "position-unargued", W, "a position with no argument for or against it"),
    Code("W302", "one-sided-position", W, "a position argued on one side only"),
    Code("W303", "no-evidence", W, "an argument that cites no evidence"),
    Code("W304", "unused-actor", W, "an actor that takes no part in the debate"),
    Code("W305", "unused-source", W, "a source that no evidence cites"),
    Code("W306", "actor-against-stance", W, "an actor advances an argument against its own stance"),
    Code("W307", "duplicate-text", W, "two arguments with the same text"),
    Code("W308", "duplicate-reference", W, "the same id listed twice in one field"),
    Code("W309", "import-skipped", W, "part of an imported file (AIF, Kialo …) that was skipped"),
    Code(
        "W310",
        "import-approximated",
        W,
        "part of an imported file that came across changed (merged, or as another relation)",
    ),
    Code(
        "W311",
        "source-after-debate",
        W,
        "a source dated after the debate: it could not have informed it",
    ),
    Code(
        "W312",
        "comment-in-text",
        W,
        "a text cut short by a '#' YAML reads as the start of a comment (' #' after plain "
        "text, or '#' right after a closing quote)",
    ),
    Code(
        "W313",
        "wrong-locator",
        W,
        "a quotation's page or paragraph that is not where its local copy has it",
    ),
    Code(
        "W314",
        "quote-too-short",
        W,
        "a quotation of fewer than three words: too short to verify against a source "
        "longer than a sentence",
    ),
    Code(
        "W315",
        "source-text-uncertain",
        W,
        "a source's file whose text may not be what its reader sees (a scan's OCR layer, "
        "style rules argmap cannot apply)",
    ),
    # Notes for debaters (never fail, even with --strict)
    Code("N401", "dropped-argument", N, "an objection nobody answers"),
    # N402 (unsupported-claim) was merged into W303: one gap, one message
    Code(
        "N403",
        "brief-incomplete",
        N,
        "a brief without a field a director looks for (decision, key judgements…)",
    ),
)


UNHIDDEN: Final = frozenset([*(c for c in CODES if c.startswith("E0")), "E213"])
"""Codes no setting can hide: a debate file that could not be read or parsed (E001 to
E013) and a source's file that could not be read (E213). Ignoring them would report
"no problems" for a file argmap never read."""


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a file; line and column count from 1 and are None when unknown."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: a code, where it is, what is wrong and a hint for fixing it."""

    code: str
    message: str
    location: Location
    hint: str | None = None
    path: str | None = None
    """Where in the data the problem is, as ``arguments[3].supports[0]``."""
    severity: Severity = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", CODES[self.code].severity)

    @property
    def name(self) -> str:
        """The code's short name, such as ``unknown-reference``."""
        return CODES[self.code].name

    def sort_key(self) -> tuple[int, str, int, int, str, str]:
        """Errors first, then warnings, then notes; each in file order (by file, line,
        column, then code and message)."""
        loc = self.location
        return (
            _SEVERITY_ORDER[self.severity],
            loc.file,
            loc.line or 0,
            loc.column or 0,
            self.code,
            self.message,
        )

    def matches(self, prefixes: Iterable[str]) -> int:
        """The length of the longest of ``prefixes`` its code starts with (0: none),
        as ruff matches ``--select`` and ``--ignore``."""
        return max((len(p) for p in prefixes if self.code.startswith(p)), default=0)

    def format(self, *, color: bool = False) -> str:
        """The GNU shape: ``file:line:col: severity[code]: message (hint)``, on one line.

        Messages quote the debate file, which is untrusted: control characters, line
        breaks and bidirectional overrides are shown escaped, so a file cannot forge a
        diagnostic line or restyle the terminal. ``color`` marks the severity and code
        with ANSI colours (argmap's own escapes, around text already made safe).
        """
        message = terminal_safe(f"{self.message} ({self.hint})" if self.hint else self.message)
        where = terminal_safe(str(self.location))
        label = f"{self.severity}[{self.code}]"
        if color:
            paint = _COLORS[self.severity]
            return f"{_BOLD}{where}{_RESET}: {paint}{_BOLD}{label}{_RESET}: {message}"
        return f"{where}: {label}: {message}"

    def snippet(self, line: str, *, color: bool = False) -> list[str]:
        """The source ``line`` the diagnostic points into, with a caret under its column
        (as rustc and ruff show it): the text made safe, cut to a window around the
        column when long."""
        number = str(self.location.line)
        column = max(1, self.location.column or 1)
        text = line.rstrip("\r\n")
        start = max(0, column - 1 - SNIPPET_WIDTH // 2)
        end = start + SNIPPET_WIDTH
        shown_before = terminal_safe(text[start : column - 1])
        token = underlined(text, column - 1)
        width = len(terminal_safe(token)) if token else 1
        shown = terminal_safe(text[start:end])
        lead = "…" if start > 0 else ""
        tail = "…" if end < len(text) else ""
        gutter = " " * len(number)
        caret = " " * (len(lead) + len(shown_before)) + "^" * max(1, min(width, SNIPPET_WIDTH))
        if color:
            paint = _COLORS[self.severity]
            caret = f"{paint}{_BOLD}{caret}{_RESET}"
            bar = f"{_BLUE}|{_RESET}"
            return [
                f"{gutter} {bar}",
                f"{_BLUE}{number}{_RESET} {bar} {lead}{shown}{tail}",
                f"{gutter} {bar} {caret}",
            ]
        return [f"{gutter} |", f"{number} | {lead}{shown}{tail}", f"{gutter} | {caret}"]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping of every field."""
        loc = self.location
        return {
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "severity": str(self.severity),
            "code": self.code,
            "name": self.name,
            "message": self.message,
            "hint": self.hint,
            "path": self.path,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The diagnostics of one or more files, sorted by position."""

    diagnostics: tuple[Diagnostic, ...] = ()
    files: tuple[str, ...] = ()
    quotes: tuple[int, int, int] = (0, 0, 0)
    """Quotations: in all, checked against a source's local copy, and found there."""
    ignored: tuple[tuple[str, int], ...] = ()
    """Diagnostics left out by settings: (which settings, how many), in order."""

    @classmethod
    def of(
        cls,
        diagnostics: Iterable[Diagnostic],
        files: Iterable[str] = (),
        quotes: tuple[int, int, int] = (0, 0, 0),
    ) -> Report:
        """A report of these diagnostics, sorted and without exact repeats."""
        unique = {(*d.sort_key(), d.hint or ""): d for d in diagnostics}
        ordered = tuple(sorted(unique.values(), key=Diagnostic.sort_key))
        return cls(ordered, tuple(files), quotes)

    def merge(self, other: Report) -> Report:
        """Both reports as one."""
        quotes = (
            self.quotes[0] + other.quotes[0],
            self.quotes[1] + other.quotes[1],
            self.quotes[2] + other.quotes[2],
        )
        ignored = dict(self.ignored)
        for by, count in other.ignored:
            ignored[by] = ignored.get(by, 0) + count
        merged = Report.of(
            (*self.diagnostics, *other.diagnostics), (*self.files, *other.files), quotes
        )
        return replace(merged, ignored=tuple(ignored.items()))

    def count(self, severity: Severity) -> int:
        """How many diagnostics have this severity."""
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity error."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def codes(self) -> list[str]:
        """Every diagnostic's code, in report order (handy in tests)."""
        return [d.code for d in self.diagnostics]

    def failed(self, *, strict: bool = False) -> bool:
        """True when there are errors, or (strict) warnings."""
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return any(d.severity in failing for d in self.diagnostics)

    def summary(self) -> str:
        """One line: what was found in how many files."""
        counts = Counter(d.severity for d in self.diagnostics)
        n_files = len(self.files)
        files = f"{n_files} file" + ("" if n_files == 1 else "s")
        parts = [
            plural(counts[s], str(s))
            for s in (Severity.ERROR, Severity.WARNING, Severity.NOTE)
            if counts[s]
        ]
        said = f"Found {_join(parts)} in {files}." if parts else f"No problems found in {files}."
        total, checked, found = self.quotes
        if checked:
            said += f" {found} of {plural(checked, 'quote')} verified against local copies"
            unchecked = total - checked
            if unchecked:
                said += f" ({unchecked} more cite sources without a file)"
            said += "."
        if self.ignored:
            total_ignored = sum(n for _, n in self.ignored)
            by = [f"{n} by {who}" for who, n in self.ignored]
            said += f" {plural(total_ignored, 'problem')} ignored"
            said += f", by {self.ignored[0][0]}." if len(by) == 1 else f": {_join(by)}."
        return said

    def format_text(
        self, *, source: Callable[[str], Sequence[str] | None] | None = None, color: bool = False
    ) -> str:
        """Every diagnostic on its own line (errors, then warnings, then notes), then the
        summary. With ``source`` (file name → its lines, or None), each located
        diagnostic is followed by its source line with a caret under the column, and a
        blank line; ``color`` adds ANSI colours (for a terminal only)."""
        lines: list[str] = []
        for d in self.diagnostics:
            lines.append(d.format(color=color))
            line = d.location.line
            text = source(d.location.file) if source is not None and line else None
            if text is not None and line is not None and 0 < line <= len(text):
                lines += [*d.snippet(text[line - 1], color=color), ""]
        lines.append(self.summary())
        return "\n".join(lines) + "\n"

    def only(
        self,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        *,
        quiet: bool = False,
        by: str = "the settings",
    ) -> Report:
        """The diagnostics whose codes match ``select`` (prefixes: ``W3``, ``E202``; all
        when empty) and not ``ignore``, the more specific prefix winning as in ruff;
        ``quiet`` keeps only errors. A file that could not be read or parsed
        (:data:`UNHIDDEN`) is reported whatever they say. How many were left out is kept,
        as ignored ``by`` these settings (the summary says it)."""
        chosen, left_out = tuple(select), tuple(ignore)

        def kept_(d: Diagnostic) -> bool:
            if d.code in UNHIDDEN:
                return True
            if quiet and d.severity is not Severity.ERROR:
                return False
            selected = d.matches(chosen) if chosen else 0
            if chosen and not selected:
                return False
            ignored = d.matches(left_out)
            return not ignored or ignored < selected

        kept = tuple(d for d in self.diagnostics if kept_(d))
        ignored = dict(self.ignored)
        if len(kept) < len(self.diagnostics):
            ignored[by] = ignored.get(by, 0) + len(self.diagnostics) - len(kept)
        return Report(kept, self.files, self.quotes, tuple(ignored.items()))

    def to_json(self) -> str:
        """The report as JSON, for editors and scripts."""
        counts = Counter(str(d.severity) for d in self.diagnostics)
        data = {
            "files": list(self.files),
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "summary": {s: counts[s] for s in ("error", "warning", "note")},
            "quotes": dict(zip(("total", "checked", "verified"), self.quotes, strict=True)),
            "ignored": dict(self.ignored),
        }
        return json_text(data)


_SEVERITY_ORDER: Final = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
SNIPPET_WIDTH: Final = 100
"""The most characters of a source line shown under a diagnostic (a window around the
column of a longer line)."""
_TOKEN: Final = re.compile(r"[^\s,\]\}#:]+(?:[ \t]+[^\s,\]\}#:]+)*")
"""What the caret underlines: the key or value starting at the column (words and the
spaces between them, up to a colon, comma, closing bracket or comment)."""


def underlined(text: str, start: int) -> str:
    """What a diagnostic at character ``start`` (0-based) of a source line points at:
    the key or value starting there (what the caret underlines, what an editor's range
    covers); empty when nothing does."""
    token = _TOKEN.match(text, start) if 0 <= start < len(text) else None
    return token.group() if token else ""


_RESET: Final = "\x1b[0m"
_BOLD: Final = "\x1b[1m"
_BLUE: Final = "\x1b[34m"
_COLORS: Final = {
    Severity.ERROR: "\x1b[31m",
    Severity.WARNING: "\x1b[33m",
    Severity.NOTE: "\x1b[36m",
}

_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def json_text(data: Any) -> str:
    """``data`` as indented JSON that keeps non-ASCII text readable, with any lone
    surrogate (from a file argmap refused) escaped, so the text can always be written."""
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if text.isascii():
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def terminal_safe(text: str) -> str:
    """``text`` with every non-printable character (control, format, line and paragraph
    separators) written as a Python escape such as ``\\n`` or ``\\u202e``."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``word``, if one is close enough to be a likely typo."""
    return Suggester(choices)(word)


class Suggester:
    """ "Did you mean" for many words against one set of choices, in linear time.

    A choice is suggested when difflib's similarity ratio is at least 0.7 (the best
    one; ties go to the greater string, as ``difflib.get_close_matches`` does). Only
    choices whose length allows that ratio are compared, answers are cached, and the
    comparisons of all questions share a ``budget``: a file with thousands of unknown
    ids gets hints for the first ones and plain messages after, instead of a check
    that takes minutes.
    """

    CUTOFF: Final = 0.7

    def __init__(self, choices: Iterable[str], budget: list[int] | None = None) -> None:
        self._by_length: dict[int, list[str]] = {}
        for choice in dict.fromkeys(choices):
            self._by_length.setdefault(len(choice), []).append(choice)
        self._budget = budget if budget is not None else [1_000_000]
        self._answers: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        if word in self._answers:
            return self._answers[word]
        import difflib

        n = len(word)
        # 2·min(n, m) / (n + m) ≥ cutoff bounds the lengths m worth comparing
        low = math.ceil(n * self.CUTOFF / (2 - self.CUTOFF))
        high = math.floor(n * (2 - self.CUTOFF) / self.CUTOFF) if self.CUTOFF else n
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        best: tuple[float, str] | None = None
        for length in range(low, high + 1):
            for choice in self._by_length.get(length, ()):
                if self._budget[0] <= 0:
                    self._answers[word] = None
                    return None
                self._budget[0] -= 1
                matcher.set_seq1(choice)
                if (
                    matcher.real_quick_ratio() >= self.CUTOFF
                    and matcher.quick_ratio() >= self.CUTOFF
                ):
                    score = matcher.ratio()
                    if score >= self.CUTOFF and (best is None or (score, choice) > best):
                        best = (score, choice)
        self._answers[word] = best[1] if best else None
        return self._answers[word]


def first_few(items: Sequence[str], most: int) -> str:
    """The first ``most`` items, comma-separated, and how many more there are."""
    shown = ", ".join(items[:most])
    return f"{shown} and {len(items) - most} more" if len(items) > most else shown


def plural(n: int, word: str) -> str:
    """``n`` and ``word``, with an s unless ``n`` is one: "3 warnings", "1 error"."""
    return f"{n} {word}" + ("" if n == 1 else "s")


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
