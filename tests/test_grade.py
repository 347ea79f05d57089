"""``argmap grade``: a generated class whose truth is known (bench/classroom.py), the
rubric, the outputs, the feedback sheets, and the one-to-one matching itself."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.grading import Rubric, grade
from argmap.matching import assign
from bench.classroom import Truth, write_class
from tests.conftest import ROOT

KEYS = [ROOT / "debates" / f"{n}.yaml" for n in ("hikvision-2019", "school-phones")] + [
    ROOT / "debates" / "uk-5g-huawei-2020.yaml"
]
runner = CliRunner()


def _measure(key: Path, folder: Path, strength: float) -> tuple[int, int, int, list[str]]:
    """True, false and missed pairs of the matching on a class of 12, and what went wrong."""
    truths = write_class(key, 12, folder, seed=7, strength=strength)
    marked = grade(key, [folder])
    hits = wrong = missed = 0
    said = []
    for student in marked.students:
        truth = truths[Path(student.student).name]
        want, got = set(truth.matched.items()), set(student.matched.items())
        hits += len(want & got)
        wrong += len(got - want)
        missed += len(want - got)
        said += [f"{student.student}: matched {p}" for p in got - want]
        said += [f"{student.student}: missed {p}" for p in want - got]
        assert set(student.extra) >= set(truth.extra) - {s for _, s in got}
        turned = {w.student for w in student.wrong_relations}
        assert set(truth.turned) <= turned, student.student
    return hits, wrong, missed, said


@pytest.mark.parametrize("strength", [0.6, 1.0], ids=["rewordings", "free-rewordings"])
def test_a_generated_class_is_matched_with_precision_and_recall_of_95(
    tmp_path: Path, strength: float
) -> None:
    hits = wrong = missed = 0
    said: list[str] = []
    for key in KEYS:
        h, w, m, s = _measure(key, tmp_path / key.stem, strength)
        hits, wrong, missed, said = hits + h, wrong + w, missed + m, said + s
    precision, recall = hits / (hits + wrong), hits / (hits + missed)
    assert precision >= 0.95, said
    assert recall >= 0.95, said


def test_a_turned_relation_is_named_in_plain_words(tmp_path: Path) -> None:
    key = KEYS[1]
    data = yaml.safe_load(key.read_text(encoding="utf-8"))
    student = next(a for a in data["arguments"] if isinstance(a.get("supports"), str))
    student["attacks"] = student.pop("supports")
    path = tmp_path / "student.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    marked = grade(key, [path]).students[0]
    assert [w.student for w in marked.wrong_relations] == [student["id"]]
    said = marked.wrong_relations[0].said
    assert re.fullmatch(r"it attacks option \d \(.+\) where the key has it supporting it", said)
    assert marked.missing == ()
    assert marked.extra == ()


def test_a_later_version_marked_against_the_key() -> None:
    key = KEYS[2]
    marked = grade(key, [ROOT / "debates" / "uk-5g-huawei-2020-07.yaml"], threshold=0.62)
    student = marked.students[0]
    assert student.parts["coverage"] is not None
    assert student.parts["coverage"] < 1
    assert "functions-stay" in student.missing
    assert "sanctions" in student.extra
    assert "phased-removal" in student.extra
    assert student.matched["replacement-cost"] == "cost-of-removal"
    assert "cost-of-removal" in {w.student for w in student.wrong_relations}


def test_the_key_is_never_marked_as_a_student(tmp_path: Path) -> None:
    result = runner.invoke(app, ["grade", str(KEYS[0]), str(KEYS[0])])
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: no students' maps to mark (the key itself is never marked)\n",
    )


@pytest.fixture(scope="module")
def small_class(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Truth]]:
    folder = tmp_path_factory.mktemp("class")
    return folder, write_class(KEYS[1], 4, folder)


def test_json_has_the_documented_keys(small_class: tuple[Path, dict[str, Truth]]) -> None:
    folder, truths = small_class
    result = runner.invoke(app, ["grade", str(KEYS[1]), str(folder), "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [Path(r["student"]).name for r in rows] == sorted(truths)
    for row in rows:
        assert {"student", "matched", "missing", "extra", "wrong_relation", "score"} <= set(row)
        truth = truths[Path(row["student"]).name]
        assert row["matched"] == truth.matched
        assert row["missing"] == truth.missing
        assert sorted(row["extra"]) == sorted(truth.extra)
        assert row["wrong_relation"] == truth.turned
        assert 0 <= row["score"] <= 100


def test_csv_is_a_spreadsheet_that_runs_no_formula(tmp_path: Path) -> None:
    write_class(KEYS[1], 1, tmp_path)
    (tmp_path / "student-01.yaml").rename(tmp_path / "=HYPERLINK(1).yaml")
    result = runner.invoke(app, ["grade", str(KEYS[1]), str(tmp_path), "-f", "csv"])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [
        "student",
        "score",
        "coverage",
        "relations",
        "evidence",
        "structure",
        "found",
        "missing",
        "extra",
        "wrong_relation",
        "errors",
        "warnings",
    ]
    assert rows[1][0].startswith("'") or not rows[1][0].startswith("=")


def test_the_rubric_decides_the_score(tmp_path: Path) -> None:
    write_class(KEYS[0], 2, tmp_path / "class")
    toml = tmp_path / "coverage.toml"
    toml.write_text(
        "threshold = 0.62\nout_of = 20\n[weights]\ncoverage = 1\nrelations = 0\n"
        "evidence = 0\nstructure = 0\n",
        encoding="utf-8",
    )
    as_yaml = tmp_path / "coverage.yaml"
    as_yaml.write_text(
        "threshold: 0.62\nout_of: 20\n"
        "weights: {coverage: 1, relations: 0, evidence: 0, structure: 0}\n",
        encoding="utf-8",
    )
    one = grade(KEYS[0], [tmp_path / "class"], toml)
    two = grade(KEYS[0], [tmp_path / "class"], as_yaml)
    assert [s.score for s in one.students] == [s.score for s in two.students]
    for student in one.students:
        assert student.score == pytest.approx(20 * (student.parts["coverage"] or 0))
    default = grade(KEYS[0], [tmp_path / "class"])
    assert default.rubric == Rubric()
    assert [s.score for s in default.students] != [s.score for s in one.students]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "[weights]\ncoverage = -1\n",
            "weights.coverage: input should be greater than or equal to 0",
        ),
        ("treshold = 0.5\n", "treshold: extra inputs are not permitted"),
        ("threshold = 'high'\n", "threshold: input should be a valid number"),
        ("threshold = [\n", "not TOML"),
    ],
)
def test_a_bad_rubric_is_refused_with_the_field_named(tmp_path: Path, text: str, said: str) -> None:
    write_class(KEYS[1], 1, tmp_path / "class")
    rubric = tmp_path / "rubric.toml"
    rubric.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["grade", str(KEYS[1]), str(tmp_path / "class"), "--rubric", str(rubric)]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: --rubric {rubric}: ")
    assert said in result.stderr


def test_a_map_with_errors_is_marked_on_what_can_be_read(tmp_path: Path) -> None:
    data = yaml.safe_load(KEYS[1].read_text(encoding="utf-8"))
    data["arguments"][0]["supports"] = "no-such-option"
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "garbage.yaml").write_text("argmap: [1\n", encoding="utf-8")
    marked = {Path(s.student).name: s for s in grade(KEYS[1], [tmp_path]).students}
    assert marked["broken.yaml"].readable
    assert "E202" in [d.code for d in marked["broken.yaml"].problems]
    assert len(marked["broken.yaml"].found) == len(data["arguments"]) + len(data["positions"])
    problems = marked["broken.yaml"].problems
    errors = sum(1 for d in problems if d.severity == "error")
    expected = max(0.0, 1 - 0.25 * errors - 0.05 * (len(problems) - errors))
    assert marked["broken.yaml"].parts["structure"] == pytest.approx(expected)
    assert not marked["garbage.yaml"].readable
    assert marked["garbage.yaml"].score == 0
    assert marked["garbage.yaml"].advice[0].startswith("The file could not be read as a debate")


def test_feedback_sheets_mark_the_map_and_escape_the_student(tmp_path: Path) -> None:
    truths = write_class(KEYS[1], 3, tmp_path / "class")
    first = tmp_path / "class" / "student-01.yaml"
    data = yaml.safe_load(first.read_text(encoding="utf-8"))
    data["arguments"][0]["title"] = "<script>alert(1)</script>"
    first.write_text(yaml.safe_dump(data), encoding="utf-8")
    out = tmp_path / "sheets"
    result = runner.invoke(
        app, ["grade", str(KEYS[1]), str(tmp_path / "class"), "--feedback", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote 3 feedback sheets into {out}\n"
    assert sorted(p.name for p in out.iterdir()) == [f"{n[:-5]}.html" for n in sorted(truths)]
    sheet = (out / "student-01.html").read_text(encoding="utf-8")
    assert "<script>" not in sheet
    assert "&lt;script&gt;" in sheet
    assert "default-src &#39;none&#39;" in sheet
    assert "<svg" in sheet
    signs = re.findall(r">([✓+!])</text>", sheet)
    truth = truths["student-01.yaml"]
    assert signs.count("+") == len(truth.extra)
    assert signs.count("!") == len(truth.turned)
    assert signs.count("✓") == len(truth.matched) - len(truth.turned)
    assert "What to improve" in sheet


def test_a_class_of_thirty_takes_about_as_long_as_checking_it(tmp_path: Path) -> None:
    """Not a timing (that is bench/bench_grade.py): the work is one read and check per
    map; the matching adds a similarity per pair of arguments, and no layout."""
    write_class(KEYS[0], 30, tmp_path)
    marked = grade(KEYS[0], [tmp_path])
    assert len(marked.students) == 30


@given(
    st.integers(1, 6).flatmap(
        lambda n: st.lists(
            st.lists(st.floats(0, 1), min_size=n, max_size=n), min_size=1, max_size=6
        )
    ),
    st.floats(0.0, 1.0),
)
def test_the_assignment_is_the_best_one_to_one_matching(
    scores: list[list[float]], minimum: float
) -> None:
    pairs, exact = assign(scores, minimum)
    assert exact
    rows, cols = len(scores), len(scores[0])
    assert len({r for r, _ in pairs}) == len(pairs) == len({c for _, c in pairs})
    assert all(scores[r][c] >= minimum for r, c in pairs)
    worth = [[s if s >= minimum else 0.0 for s in row] for row in scores]
    best = 0.0
    for chosen in itertools.permutations(range(max(rows, cols)), rows):
        total = sum(worth[r][c] for r, c in enumerate(chosen) if c < cols)
        best = max(best, total)
    assert sum(scores[r][c] for r, c in pairs) == pytest.approx(best)


def test_grade_is_a_library_call() -> None:
    assert argmap.grade is grade
    assert "grade" in argmap.__all__


def test_hostile_paths_are_refused_as_usage(tmp_path: Path) -> None:
    write_class(KEYS[1], 1, tmp_path / "class")
    folder = str(tmp_path / "class")
    device = runner.invoke(app, ["grade", str(KEYS[1]), folder, "--rubric", "/dev/null"])
    assert (device.exit_code, device.stderr) == (
        2,
        "Error: --rubric /dev/null: cannot be read: it is a character device, not a regular file\n",
    )
    a_file = tmp_path / "sheets"
    a_file.write_text("not a folder", encoding="utf-8")
    taken = runner.invoke(app, ["grade", str(KEYS[1]), folder, "--feedback", str(a_file)])
    assert (taken.exit_code, taken.stderr) == (2, f"Error: --feedback {a_file}: not a folder\n")
    assert a_file.read_text(encoding="utf-8") == "not a folder"
