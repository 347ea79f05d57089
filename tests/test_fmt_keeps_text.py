"""`fmt` never drops text (issue 21): anything it cannot keep is an error, and the file
is left as it was, byte for byte; `check` warns of a comment glued to a quoted value."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.cli import app
from argmap.io.yaml_source import comments
from tests.conftest import ROOT

runner = CliRunner()
BASE = (ROOT / "tests" / "zoo" / "valid-base.yaml").read_text(encoding="utf-8")


def fmt(path: Path) -> tuple[int, str]:
    done = runner.invoke(app, ["fmt", str(path)])
    return done.exit_code, done.stderr


def test_a_comment_glued_to_a_quoted_value_is_refused_and_the_file_kept(tmp_path: Path) -> None:
    text = BASE.replace("    text: The plan saves money.", '    text: "P"#nospace')
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    before = path.stat()
    code, err = fmt(path)
    assert code == 1
    assert err == (
        f"Error: fmt cannot keep 1 comment ({path}:18:14 '#nospace'): no space before '#', so "
        "YAML reads it as a comment that fmt cannot keep in place: put a space before '#', or "
        "move it inside the quotes if it is part of the text (argmap check warns of it: "
        "W312); the file was left as it was\n"
    )
    assert path.read_text(encoding="utf-8") == text
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    done = runner.invoke(app, ["check", "--concise", "--select", "W312", str(path)])
    assert done.stdout.splitlines()[0] == (
        f"{path}:18:14: warning[W312]: the value of 'text' ends at its closing quote: "
        "'#nospace' right after it is read as a comment, so it is left out (if it belongs to "
        'the text, put it inside the quotes (write text: "P#nospace"); if it is a comment, '
        "put a space before '#')"
    )


def test_a_comment_whose_place_goes_is_refused_and_the_file_kept(tmp_path: Path) -> None:
    text = BASE.replace("    supports: go\n", "    supports: go\n    tags: []  # none yet\n", 1)
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    code, err = fmt(path)
    assert code == 1
    assert err.startswith(f"Error: fmt cannot keep 1 comment ({path}:20:15 '# none yet'): ")
    assert err.endswith("the file was left as it was\n")
    assert path.read_text(encoding="utf-8") == text


def test_comments_fmt_can_place_are_all_kept(tmp_path: Path) -> None:
    text = "# top\n" + BASE.replace("  - id: con\n", "  # the objection\n  - id: con\n")
    text = text.replace("quote: a few\n", "quote: a few  # really few\n")
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    assert fmt(path)[0] == 0
    kept = [c.text for c in comments(path.read_text(encoding="utf-8"))]
    assert kept == ["# top", "# the objection", "# really few"]


def test_comments_are_told_from_hashes_inside_values() -> None:
    text = (
        'a: b # c\nd: |\n  e # not a comment\nf: "g # not one either"#h\n# i\n'
        "j: [k, l] # m\nn: 'o#p'\n"
    )
    found = [(c.line, c.column, c.text, c.glued) for c in comments(text)]
    assert found == [
        (1, 6, "# c", False),
        (4, 24, "#h", True),
        (5, 1, "# i", False),
        (6, 11, "# m", False),
    ]


_LINES = BASE.splitlines()
_NOTES = st.text(st.sampled_from(list("abc xyz#:-'\"[]{}")), min_size=0, max_size=12)


@given(st.lists(st.tuples(st.integers(0, len(_LINES) - 1), _NOTES), min_size=1, max_size=6))
def test_fmt_keeps_every_comment_or_changes_nothing(notes: list[tuple[int, str]]) -> None:
    lines = list(_LINES)
    for at, note in sorted(notes, reverse=True):
        if lines[at].strip():
            lines[at] += f"  # {note}"
    text = "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.yaml"
        path.write_text(text, encoding="utf-8")
        if runner.invoke(app, ["check", "--quiet", str(path)]).exit_code != 0:
            return  # a note that broke the YAML: fmt refuses such a file anyway
        written = [c.text.rstrip() for c in comments(text)]
        code, _ = fmt(path)
        after = path.read_text(encoding="utf-8")
        if code != 0:
            assert after == text
        else:
            kept = [c.text.rstrip() for c in comments(after)]
            assert sorted(kept) == sorted(written)
