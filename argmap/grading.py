"""Marking students' maps against a teacher's key.

Students never share the key's ids, so a student's argument is matched to the key's by
what it says and where it stands: the similarity of the texts (rapidfuzz, see
:mod:`argmap.matching`) and of the place (whether it supports or attacks what the key's
argument supports or attacks, as far as those are matched already). The matching is
one to one, the pairs that together are the most alike (an assignment, not greedy), and
a pair counts only when it is at least as alike as the rubric's threshold.

For each student: the key's arguments found (with the student's id and how alike),
those missing, the student's extra arguments, the relations of found arguments that
differ from the key's (a support turned into an attack, a wrong target), the problems
``argmap check`` finds, and a score from the rubric (:class:`Rubric`): weights for
coverage, relations, evidence and structure, shared out over the parts that apply.
"""

from __future__ import annotations

import csv
import io
import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from argmap.analysis import element_names
from argmap.diagnostics import Diagnostic, Report, Severity, json_text, plural
from argmap.errors import UsageError
from argmap.matching import Prepared, assign, likeness_table, prepare
from argmap.model import Argument, Debate, Position

RELATIONS: Final = ("supports", "attacks", "undercuts")
PLACE_SHARE: Final = 0.2
"""How much of a pair's likeness is its place (the rest is its text)."""


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Weights(_Part):
    """How much each part of the score counts (any numbers at or above 0: they are
    shared out over the parts that apply to a student's map)."""

    coverage: float = Field(50.0, ge=0)
    """The key's positions and arguments the student found."""
    relations: float = Field(30.0, ge=0)
    """The relations of the found arguments that are the key's (kind and target)."""
    evidence: float = Field(10.0, ge=0)
    """Found arguments that cite a source where the key's cites one."""
    structure: float = Field(10.0, ge=0)
    """A map without errors or warnings from ``argmap check``."""


class Costs(_Part):
    """What each problem ``argmap check`` finds takes off the structure part (0 to 1)."""

    error: float = Field(0.25, ge=0, le=1)
    warning: float = Field(0.05, ge=0, le=1)


class Rubric(_Part):
    """How students' maps are marked; every field has a default (see docs/classroom.md).

    In a TOML file::

        threshold = 0.62  # how alike (0-1) an argument must be to a key's to count
        out_of = 100      # the score of a perfect map

        [weights]
        coverage = 50
        relations = 30
        evidence = 10
        structure = 10

        [costs]           # taken off the structure part for each problem
        error = 0.25
        warning = 0.05
    """

    threshold: float = Field(0.62, gt=0, le=1)
    out_of: float = Field(100.0, gt=0)
    weights: Weights = Field(default_factory=Weights)
    costs: Costs = Field(default_factory=Costs)


MAX_RUBRIC_BYTES: Final = 1 << 20


def read_rubric(path: str | os.PathLike[str]) -> Rubric:
    """A rubric from a TOML or YAML file (told by its suffix); a :class:`UsageError` that
    names the file and the field when it cannot be read or holds what a rubric cannot."""
    from argmap.io.files import NotAFileError, TooLargeError, read_file

    name = os.fspath(path)
    try:
        data, _ = read_file(name, MAX_RUBRIC_BYTES)
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise UsageError(f"--rubric {name}: no such file") from None
    except (NotAFileError, TooLargeError) as exc:
        raise UsageError(f"--rubric {name}: cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"--rubric {name}: cannot be read: it is not UTF-8 text") from None
    except OSError as exc:
        raise UsageError(f"--rubric {name}: cannot be read: {exc.strerror or exc}") from None
    if Path(name).suffix.lower() in (".yaml", ".yml"):
        from argmap.io.yaml_source import parse_yaml

        parsed = parse_yaml(text, name)
        if parsed.diagnostics:
            first = parsed.diagnostics[0]
            raise UsageError(f"--rubric {first.location}: {first.message}")
        values: Any = parsed.data if parsed.data is not None else {}
    else:
        try:
            values = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise UsageError(f"--rubric {name}: not TOML ({exc})") from None
    if not isinstance(values, dict):
        raise UsageError(
            f"--rubric {name}: a rubric is a table of settings (see docs/classroom.md)"
        )
    try:
        return Rubric.model_validate(values)
    except ValidationError as exc:
        said = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]) or "the file"
            said.append(f"{where}: {error['msg'].lower()}")
        raise UsageError(f"--rubric {name}: {'; '.join(said)}") from None


@dataclass(frozen=True)
class Found:
    """A key's element found in a student's map."""

    key: str
    student: str
    similarity: float
    """How alike the two are (0 to 1): their texts and places."""


@dataclass(frozen=True)
class WrongRelation:
    """A found argument attached otherwise than the key attaches it."""

    student: str
    key: str
    said: str


@dataclass(frozen=True)
class StudentGrade:
    """One student's map marked against the key."""

    student: str
    """The file it was read from."""
    found: tuple[Found, ...] = ()
    missing: tuple[str, ...] = ()
    """The key's ids that the student's map lacks."""
    extra: tuple[str, ...] = ()
    """The student's argument ids that match nothing in the key."""
    wrong_relations: tuple[WrongRelation, ...] = ()
    problems: tuple[Diagnostic, ...] = ()
    """Errors and warnings ``argmap check`` finds in the map."""
    parts: dict[str, float | None] = field(default_factory=dict)
    """Each part of the score, 0 to 1 (None: it does not apply to this map)."""
    score: float = 0.0
    advice: tuple[str, ...] = ()
    """What to improve, in plain words."""
    readable: bool = True
    """False when the file could not be read as a debate at all."""

    @property
    def matched(self) -> dict[str, str]:
        """Key id → student id."""
        return {f.key: f.student for f in self.found}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "student": self.student,
            "score": round(self.score, 2),
            "matched": self.matched,
            "similarity": {f.key: round(f.similarity, 3) for f in self.found},
            "missing": list(self.missing),
            "extra": list(self.extra),
            "wrong_relation": list(dict.fromkeys(w.student for w in self.wrong_relations)),
            "wrong_relation_details": [
                {"student": w.student, "key": w.key, "details": w.said}
                for w in self.wrong_relations
            ],
            "parts": {k: (round(v, 3) if v is not None else None) for k, v in self.parts.items()},
            "errors": sum(1 for d in self.problems if d.severity is Severity.ERROR),
            "warnings": sum(1 for d in self.problems if d.severity is Severity.WARNING),
            "advice": list(self.advice),
        }


@dataclass(frozen=True)
class ClassGrades:
    """A class's maps marked against one key."""

    key: str
    rubric: Rubric
    students: tuple[StudentGrade, ...]
    notes: tuple[str, ...] = ()
    """What a reader should know about how the marks were made."""
    key_debate: Debate | None = field(default=None, repr=False, compare=False)
    maps: Mapping[str, Debate | None] = field(default_factory=dict, repr=False, compare=False)
    """Each student's map by file (None: one with errors), for the feedback sheets."""

    def to_json(self) -> str:
        """A list with one mapping per student (see docs/classroom.md)."""
        return json_text([s.to_dict() for s in self.students])

    def to_csv(self) -> str:
        """One row per student, for a spreadsheet."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        parts = list(Weights.model_fields)
        writer.writerow(
            [
                "student",
                "score",
                *parts,
                "found",
                "missing",
                "extra",
                "wrong_relation",
                "errors",
                "warnings",
            ]
        )
        for s in self.students:
            d = s.to_dict()
            writer.writerow(
                [
                    _cell(s.student),
                    f"{s.score:.1f}",
                    *("" if s.parts.get(p) is None else f"{s.parts[p]:.3f}" for p in parts),
                    len(s.found),
                    len(s.missing),
                    len(s.extra),
                    len(d["wrong_relation"]),
                    d["errors"],
                    d["warnings"],
                ]
            )
        return out.getvalue()

    def format_text(self) -> str:
        """A table for the class, then the notes."""
        from argmap.diagnostics import terminal_safe

        out_of = f"{self.rubric.out_of:g}"
        header = (
            "student",
            f"score /{out_of}",
            "found",
            "missing",
            "extra",
            "wrong links",
            "problems",
        )
        rows = [
            (
                terminal_safe(s.student),
                f"{s.score:.1f}",
                str(len(s.found)),
                str(len(s.missing)),
                str(len(s.extra)),
                str(len({w.student for w in s.wrong_relations})),
                _problems(s),
            )
            for s in self.students
        ]
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        lines = [f"Marked against {terminal_safe(self.key)}:"]
        for row in [header, *rows]:
            cells = [
                row[0].ljust(widths[0]),
                *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)),
            ]
            lines.append("  ".join(cells).rstrip())
        if self.students:
            mean = sum(s.score for s in self.students) / len(self.students)
            lines.append(f"{len(self.students)} maps; mean score {mean:.1f} of {out_of}.")
        lines += [f"note: {terminal_safe(n)}" for n in self.notes]
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _problems(s: StudentGrade) -> str:
    if not s.readable:
        return "unreadable"
    errors = sum(1 for d in s.problems if d.severity is Severity.ERROR)
    warnings = len(s.problems) - errors
    parts = [plural(errors, "error")] if errors else []
    parts += [plural(warnings, "warning")] if warnings else []
    return ", ".join(parts) or "none"


@dataclass(frozen=True)
class Map:
    """What grading reads of a map: its positions and arguments (those valid on their
    own, when the file has errors) and its report."""

    file: str
    positions: Sequence[Position]
    arguments: Sequence[Argument]
    report: Report
    readable: bool = True
    debate: Debate | None = None


def grade_map(key: Debate, student: Map, rubric: Rubric | None = None) -> StudentGrade:
    """One student's map marked against the key."""
    rubric = rubric or Rubric()
    problems = tuple(
        d for d in student.report.diagnostics if d.severity in (Severity.ERROR, Severity.WARNING)
    )
    if not student.readable:
        return StudentGrade(
            student.file,
            missing=tuple(_ids(key)),
            problems=problems,
            parts=dict.fromkeys(Weights.model_fields, 0.0),
            score=0.0,
            advice=(
                "The file could not be read as a debate: run 'argmap check' on it and "
                "fix what it reports first.",
            ),
            readable=False,
        )
    positions = _match_positions(key.positions, student.positions, rubric.threshold)
    arguments = _match_arguments(key, student, positions, rubric.threshold)
    order = {ident: n for n, ident in enumerate(_ids(key))}
    found = tuple(sorted([*positions.values(), *arguments.values()], key=lambda f: order[f.key]))
    to_key = {f.student: f.key for f in found}
    matched_keys = {f.key for f in found}
    missing = tuple(i for i in _ids(key) if i not in matched_keys)
    extra = tuple(a.id for a in student.arguments if a.id not in to_key)
    key_args = {a.id: a for a in key.arguments}
    student_args = {a.id: a for a in student.arguments}
    wrong: list[WrongRelation] = []
    names: dict[str, str] | None = None  # the key's elements in words, once a student needs them
    relations_right = relations_all = 0
    evidence_asked = evidence_given = 0
    for f in arguments.values():
        k, s = key_args[f.key], student_args[f.student]
        want = {(rel, t) for rel in RELATIONS for t in getattr(k, rel)}
        have = {(rel, to_key.get(t, f"?{t}")) for rel in RELATIONS for t in getattr(s, rel)}
        relations_all += len(want)
        relations_right += len(want & have)
        if want != have:
            if names is None:
                names = element_names(key)
            wrong.append(WrongRelation(s.id, k.id, _relation_said(want, have, names)))
        if k.evidence:
            evidence_asked += 1
            evidence_given += bool(s.evidence)
    errors = sum(1 for d in problems if d.severity is Severity.ERROR)
    warnings = len(problems) - errors
    costs = rubric.costs
    parts: dict[str, float | None] = {
        "coverage": len(found) / max(1, len(key.positions) + len(key.arguments)),
        "relations": relations_right / relations_all if relations_all else None,
        "evidence": evidence_given / evidence_asked if evidence_asked else None,
        "structure": max(0.0, 1.0 - errors * costs.error - warnings * costs.warning),
    }
    if not arguments:
        parts["relations"] = 0.0 if key.arguments else None
    weights = rubric.weights.model_dump()
    counted = {p: v for p, v in parts.items() if v is not None and weights[p] > 0}
    total = sum(weights[p] for p in counted)
    score = (
        rubric.out_of * sum(weights[p] * v for p, v in counted.items()) / total if total else 0.0
    )
    return StudentGrade(
        student.file,
        found=found,
        missing=missing,
        extra=extra,
        wrong_relations=tuple(wrong),
        problems=problems,
        parts=parts,
        score=score,
        advice=tuple(_advice(key, student, missing, extra, wrong, parts, errors, warnings)),
    )


def _ids(key: Debate) -> list[str]:
    """The key's position and argument ids, in file order."""
    return [p.id for p in key.positions] + [a.id for a in key.arguments]


def _words(element: Position | Argument) -> tuple[Prepared, Prepared]:
    """An element's text, and its title and text together, ready to compare."""
    full = f"{element.title}. {element.text}" if element.title else element.text
    return prepare(element.text), prepare(full)


def _likeness_table(
    key: Sequence[Position | Argument], student: Sequence[Position | Argument]
) -> list[list[float]]:
    """How alike each of the key's elements is to each of the student's, by text: the
    texts, or the titles and texts together, whichever are more alike."""
    ours = [_words(k) for k in key]
    theirs = [_words(s) for s in student]
    texts = likeness_table([k[0] for k in ours], [s[0] for s in theirs])
    fulls = likeness_table([k[1] for k in ours], [s[1] for s in theirs])
    return [
        [max(a, b) for a, b in zip(x, y, strict=True)] for x, y in zip(texts, fulls, strict=True)
    ]


def _match_positions(
    key: Sequence[Position], student: Sequence[Position], threshold: float
) -> dict[str, Found]:
    scores = _likeness_table(key, student)
    pairs, _ = assign(scores, threshold)
    return {key[r].id: Found(key[r].id, student[c].id, scores[r][c]) for r, c in pairs}


def _match_arguments(
    key: Debate, student: Map, positions: dict[str, Found], threshold: float
) -> dict[str, Found]:
    """The key's arguments paired with the student's: first by text alone, then again
    with their places, as the first pairing (and the positions) tell them."""
    ks, ss = key.arguments, student.arguments
    if not ks or not ss:
        return {}
    texts = _likeness_table(ks, ss)
    pairs, _ = assign(texts, threshold * (1 - PLACE_SHARE))
    for _ in range(1):
        to_key = {f.student: f.key for f in positions.values()}
        to_key.update({ss[c].id: ks[r].id for r, c in pairs})
        targets_k = [set(k.targets) for k in ks]
        targets_s = [{to_key.get(t, "") for t in s.targets} - {""} for s in ss]
        scores = [
            [
                (1 - PLACE_SHARE) * texts[r][c] + PLACE_SHARE * _jaccard(targets_k[r], targets_s[c])
                for c in range(len(ss))
            ]
            for r in range(len(ks))
        ]
        pairs, _ = assign(scores, threshold)
    return {ks[r].id: Found(ks[r].id, ss[c].id, scores[r][c]) for r, c in pairs}


def _jaccard(one: set[str], two: set[str]) -> float:
    return len(one & two) / len(one | two) if one or two else 1.0


_ING: Final = {"supports": "supporting", "attacks": "attacking", "undercuts": "undercutting"}


def _relation_said(
    want: set[tuple[str, str]], have: set[tuple[str, str]], names: Mapping[str, str]
) -> str:
    """How a found argument's relations differ from the key's, in plain words (``names``:
    the key's elements in words)."""

    def name(ident: str) -> str:
        if ident.startswith("?"):
            return f"'{ident[1:]}', which is not in the key"
        return names.get(ident, ident)

    parts = []
    want_targets = {t: rel for rel, t in want}
    have_targets = {t: rel for rel, t in have}
    for target, rel in have_targets.items():
        wanted = want_targets.get(target)
        if wanted is not None and wanted != rel:
            parts.append(f"it {rel} {name(target)} where the key has it {_ING[wanted]} it")
    lost = [(rel, t) for t, rel in want_targets.items() if t not in have_targets]
    won = [(rel, t) for t, rel in have_targets.items() if t not in want_targets]
    if len(lost) == 1 and len(won) == 1:
        (rel_k, t_k), (rel_s, t_s) = lost[0], won[0]
        parts.append(f"it {rel_s} {name(t_s)} where the key has it {_ING[rel_k]} {name(t_k)}")
    else:
        parts += [f"the key has it also {_ING[rel]} {name(t)}" for rel, t in lost]
        parts += [f"it {rel} {name(t)}, which the key does not" for rel, t in won]
    return "; ".join(parts)


def _advice(
    key: Debate,
    student: Map,
    missing: Sequence[str],
    extra: Sequence[str],
    wrong: Sequence[WrongRelation],
    parts: dict[str, float | None],
    errors: int,
    warnings: int,
) -> list[str]:
    """What the student can do next, most useful first, in plain words."""
    from argmap.exporters.encode import shorten

    said = []
    if errors:
        said.append(
            f"Your file has {plural(errors, 'error')}: run 'argmap check' on "
            "it and fix them first; arguments with errors could not all be read."
        )
    missing_args = [i for i in missing if i in {a.id for a in key.arguments}]
    missing_positions = [i for i in missing if i not in missing_args]
    if missing_positions:
        said.append(f"Your map lacks {len(missing_positions)} of the options the question has.")
    if missing_args:
        titles = {a.id: a.title or shorten(a.text, 50) for a in key.arguments}
        shown = "; ".join(f"“{titles[i]}”" for i in missing_args[:3])
        more = f" and {len(missing_args) - 3} more" if len(missing_args) > 3 else ""
        said.append(f"Look again for arguments your map leaves out, such as {shown}{more}.")
    if wrong:
        which = (
            "this argument supports or attacks"
            if len(wrong) == 1
            else (f"{len(wrong)} of your arguments support or attack")
        )
        said.append(
            f"Check what {which}: " + "; ".join(f"'{w.student}': {w.said}" for w in wrong[:3]) + "."
        )
    evidence = parts.get("evidence")
    if evidence is not None and evidence < 1:
        said.append("Cite a source for each argument that rests on facts ('evidence').")
    if extra:
        which = (
            "One of your arguments is" if len(extra) == 1 else f"{len(extra)} of your arguments are"
        )
        said.append(
            f"{which} not in the key: make sure each one answers the question or another "
            "argument; it may be a good point the key lacks."
        )
    if warnings and not errors:
        said.append(f"'argmap check' gives {plural(warnings, 'warning')}: read them.")
    if not said:
        said.append("Your map has every argument of the key, attached as the key attaches them.")
    return said


def read_map(path: str | os.PathLike[str], *, allow_outside: bool = False) -> Map:
    """A student's map as grading reads it: checked once, and what is valid in it kept
    even when it has errors."""
    from argmap.api import report_and_elements

    report, loaded = report_and_elements(path, allow_outside=allow_outside)
    name = os.fspath(path)
    if loaded is None:
        return Map(name, (), (), report, readable=False)
    debate, elements = loaded
    if debate is not None:
        return Map(name, debate.positions, debate.arguments, report, debate=debate)
    positions = [e for _, e in elements.get("positions", []) if isinstance(e, Position)]
    arguments = [e for _, e in elements.get("arguments", []) if isinstance(e, Argument)]
    return Map(name, positions, arguments, report, readable=bool(positions or arguments))


def grade(
    key: Debate | str | os.PathLike[str],
    students: Iterable[str | os.PathLike[str]],
    rubric: Rubric | str | os.PathLike[str] | None = None,
    *,
    threshold: float | None = None,
    allow_outside: bool = False,
) -> ClassGrades:
    """Mark students' maps (files, or folders of them) against a key (a debate or its
    file). ``rubric`` is a :class:`Rubric` or its TOML or YAML file; ``threshold``, when
    given, replaces the rubric's."""
    from argmap.api import debate_files, load

    if rubric is None:
        chosen = Rubric()
    elif isinstance(rubric, Rubric):
        chosen = rubric
    else:
        chosen = read_rubric(rubric)
    if threshold is not None:
        if not 0 < threshold <= 1:
            raise UsageError(f"--threshold {threshold:g}: give a likeness above 0 and at most 1")
        chosen = chosen.model_copy(update={"threshold": threshold})
    key_debate = key if isinstance(key, Debate) else load(key, allow_outside=allow_outside)
    key_name = os.fspath(key) if not isinstance(key, Debate) else key_debate.id
    files = debate_files(students)
    key_path = Path(key_name).resolve() if not isinstance(key, Debate) else None
    files = [f for f in files if key_path is None or f.resolve() != key_path]
    if not files:
        raise UsageError("no students' maps to mark (the key itself is never marked)")
    maps = [read_map(f, allow_outside=allow_outside) for f in files]
    marked = tuple(grade_map(key_debate, m, chosen) for m in maps)
    notes = [
        f"An argument counts as found when it is at least {chosen.threshold:.0%} alike to the "
        f"key's, in its text ({1 - PLACE_SHARE:.0%}) and its place ({PLACE_SHARE:.0%}): a "
        "computed matching; read the sheets before you give a mark."
    ]
    if not any(a.evidence for a in key_debate.arguments):
        notes.append("The key cites no evidence: evidence is not marked.")
    return ClassGrades(
        key_name,
        chosen,
        marked,
        tuple(notes),
        key_debate=key_debate,
        maps={m.file: m.debate for m in maps},
    )
