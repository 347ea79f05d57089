"""A feedback sheet per student (``argmap grade --feedback DIR``): one self-contained
HTML page with the student's map drawn, each argument marked by a sign beside it and a
thick frame (never by colour alone: the theme's dashed and dotted frames keep their
meaning): ✓ found in the key, + the student's own, ! attached otherwise than the key;
then what is missing, and what to improve in plain words."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from markupsafe import Markup

from argmap.errors import ArgmapError, UsageError
from argmap.grading import ClassGrades, StudentGrade, Weights
from argmap.index import index
from argmap.model import Debate

MARKS: Final = {
    "found": ("#0B6B2B", "✓", "✓ thick green frame", "an argument of the key, found"),
    "extra": ("#7A5200", "+", "+ thick brown frame", "your own argument: not in the key"),
    "wrong": ("#A4161A", "!", "! thick red frame", "found, but attached otherwise than in the key"),
}
"""Each mark: its colour, the sign beside the argument, and the legend's words."""


@dataclass(frozen=True)
class Line:
    """One row of a sheet's lists: an id, its words, and a detail."""

    ident: str
    words: str
    detail: str = ""


def marked_map(debate: Debate, grade: StudentGrade) -> bytes:
    """The student's map as SVG, each argument framed by its mark (:data:`MARKS`)."""
    from argmap.exporters.dot import export_dot
    from argmap.graphviz import run_dot

    names = index(debate).names
    wrong = {w.student for w in grade.wrong_relations}
    found = {f.student for f in grade.found}
    extra = set(grade.extra)
    lines = []
    for ident, name in names.items():
        if ident in wrong:
            mark = "wrong"
        elif ident in found:
            mark = "found"
        elif ident in extra:
            mark = "extra"
        else:
            continue
        color, sign, _, _ = MARKS[mark]
        sign_label = f'<FONT COLOR="{color}" POINT-SIZE="18"><B>{sign}</B></FONT>'
        lines.append(f'  {name} [color="{color}", penwidth=4, xlabel=<{sign_label}>];')
    dot = export_dot(debate).rstrip()
    if not dot.endswith("}"):
        raise ArgmapError("the map's DOT does not end its graph")  # argmap's own DOT: a bug
    # a node named again takes the later attributes; forcelabels keeps every sign drawn
    return run_dot(dot[:-1] + "  forcelabels=true;\n" + "\n".join(lines) + "\n}\n", "svg")


def key_words(key: Debate) -> dict[str, str]:
    """How a sheet names the key's options and arguments: by title, else their text
    shortened (computed once for a class)."""
    from argmap.exporters.encode import shorten

    words = {a.id: a.title or shorten(a.text, 80) for a in key.arguments}
    words.update({p.id: p.title or shorten(p.text, 80) for p in key.positions})
    return words


def sheet(
    grades: ClassGrades, grade: StudentGrade, debate: Debate | None, texts: dict[str, str]
) -> str:
    """One student's sheet as HTML; ``texts`` names the key's elements (:func:`key_words`)."""
    from argmap import __version__
    from argmap.analysis import element_names
    from argmap.exporters.page import page
    from argmap.exporters.safe_svg import inline_svg

    student_names = element_names(debate) if debate is not None else {}
    svg = Markup(inline_svg(marked_map(debate, grade))) if debate is not None else None
    weights = grades.rubric.weights.model_dump()
    parts = [(name, grade.parts.get(name), weights[name]) for name in Weights.model_fields]
    found = [
        Line(
            f.student,
            student_names.get(f.student, f.student),
            f"{f.similarity:.0%} alike to the key's “{texts[f.key]}”",
        )
        for f in grade.found
    ]
    return page(
        "feedback.html.j2",
        generator=f"argmap {__version__}",
        student=grade.student,
        key_title=grades.key_debate.title if grades.key_debate is not None else grades.key,
        score=grade.score,
        out_of=grades.rubric.out_of,
        parts=parts,
        advice=list(grade.advice),
        svg=svg,
        marks=[(words, meaning) for _, _, words, meaning in MARKS.values()],
        found=found,
        missing=[Line(i, texts[i]) for i in grade.missing],
        extra=[Line(i, student_names.get(i, i)) for i in grade.extra],
        wrong=[
            Line(w.student, student_names.get(w.student, w.student), w.said)
            for w in grade.wrong_relations
        ],
        problems=[d.format() for d in grade.problems],
        notes=list(grades.notes),
    )


def sheet_names(students: Iterable[str]) -> list[str]:
    """A file name per student (``NAME.html`` after the map's file), made unique."""
    names: list[str] = []
    seen: set[str] = set()
    for path in students:
        stem = Path(path).stem or "student"
        name, n = f"{stem}.html", 2
        while name in seen:
            name, n = f"{stem}-{n}.html", n + 1
        seen.add(name)
        names.append(name)
    return names


def write_feedback(grades: ClassGrades, folder: str | os.PathLike[str]) -> list[Path]:
    """Every student's sheet written into ``folder`` (made if missing): all or none. A
    map with errors is not drawn; its sheet lists them."""
    from argmap.io.files import InputFile, write_files

    key = grades.key_debate
    if key is None:
        raise ArgmapError("feedback sheets need the key's debate (grade() keeps it)")
    debates = grades.maps
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--feedback {out}: not a folder")
    texts = key_words(key)
    files = {}
    for grade, name in zip(
        grades.students, sheet_names(s.student for s in grades.students), strict=True
    ):
        files[out / name] = sheet(grades, grade, debates.get(grade.student), texts).encode("utf-8")
    inputs = [InputFile(s.student) for s in grades.students]
    return list(write_files(files, inputs=inputs))
