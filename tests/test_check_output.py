"""`argmap check` as a compiler reports: errors first, the source line with a caret,
colour only on request or on a terminal, codes selected and ignored (from the command
line or a settings file), and a misspelt list said once."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app

runner = CliRunner()

DEBATE = """\
argmap: 1
id: d
title: T
question: Q?
positions:
  - id: go
    text: Go.
  - id: stay
    text: Stay.
arguments:
  - id: pro
    text: For going.
    supports: goo
  - id: con
    text: Against going.
    attacks: go
"""


def check(tmp_path: Path, *args: str, text: str = DEBATE) -> tuple[int, str]:
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    done = runner.invoke(app, ["check", str(path), *args])
    return done.exit_code, done.stdout.replace(str(path), "d.yaml")


def test_errors_come_first_each_with_its_line_and_a_caret(tmp_path: Path) -> None:
    code, out = check(tmp_path, "--color", "never")
    assert code == 1
    lines = out.splitlines()
    assert lines[:5] == [
        "d.yaml:13:15: error[E202]: argument 'pro' supports unknown id 'goo' (did you mean 'go'?)",
        "   |",
        "13 |     supports: goo",
        "   |               ^^^",
        "",
    ]
    severities = [line.split(": ")[1].split("[")[0] for line in lines if line.startswith("d.yaml")]
    assert severities == sorted(severities, key=["error", "warning", "note"].index)
    assert lines[-1] == "Found 1 error, 4 warnings and 1 note in 1 file."


def test_concise_is_one_line_each_and_colour_only_when_asked(tmp_path: Path) -> None:
    _, plain = check(tmp_path, "--concise")
    assert "|" not in plain
    assert "\x1b[" not in plain  # the runner is no terminal: auto means no colour
    _, painted = check(tmp_path, "--concise", "--color", "always")
    assert "\x1b[31m\x1b[1merror[E202]\x1b[0m" in painted
    _, as_json = check(tmp_path, "--format", "json", "--color", "always")
    assert "\x1b[" not in as_json


def test_no_color_is_respected_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.cli import ColorChoice, _use_color

    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert _use_color(ColorChoice.AUTO)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not _use_color(ColorChoice.AUTO)
    assert _use_color(ColorChoice.ALWAYS)


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        (["--quiet"], ["E202"]),
        (["--select", "W"], ["W301", "W302", "W303", "W303"]),
        (["--select", "W,N", "--ignore", "W303"], ["W301", "W302", "N401"]),
        (["--select", "W303", "--ignore", "W"], ["W303", "W303"]),
        (["--ignore", "N,W30"], ["E202"]),
    ],
)
def test_select_ignore_and_quiet_take_prefixes(
    tmp_path: Path, args: list[str], codes: list[str]
) -> None:
    _, out = check(tmp_path, "--concise", *args)
    found = [line.split("[")[1].split("]")[0] for line in out.splitlines()[:-1]]
    assert sorted(found) == sorted(codes)


def test_a_code_that_matches_nothing_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(DEBATE, encoding="utf-8")
    done = runner.invoke(app, ["check", str(path), "--ignore", "W3O3"])
    assert (done.exit_code, done.stderr) == (
        2,
        "Error: --ignore: 'W3O3' matches no code; did you mean 'W303'?\n",
    )


def test_settings_come_from_argmap_toml_or_pyproject_above_the_debate(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the repository's root: settings are read up to it
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.argmap]\nignore = ["W", "N"]\n', encoding="utf-8"
    )
    folder = tmp_path / "debates"
    folder.mkdir()
    _, out = check(folder, "--concise")
    pyproject, toml = tmp_path / "pyproject.toml", folder / "argmap.toml"
    assert out.splitlines()[-1] == f"Found 1 error in 1 file. 5 problems ignored, by {pyproject}."
    toml.write_text('select = ["N401"]\n', encoding="utf-8")
    code, out = check(folder, "--concise")  # the nearest file wins
    assert (code, out.splitlines()[-1]) == (
        0,
        f"Found 1 note in 1 file. 5 problems ignored, by {toml}.",
    )
    _, out = check(folder, "--concise", "--select", "E")  # the command line replaces it
    assert out.splitlines()[-1] == "Found 1 error in 1 file. 5 problems ignored, by --select."
    (folder / "argmap.toml").write_text("selct = []\n", encoding="utf-8")
    done = runner.invoke(app, ["check", str(folder / "d.yaml")])
    assert (done.exit_code, done.stderr) == (
        2,
        f"Error: {folder / 'argmap.toml'}: unknown setting 'selct'; did you mean 'select'?\n",
    )


def test_a_misspelt_list_is_one_error_not_one_per_reference(tmp_path: Path) -> None:
    text = DEBATE.replace("positions:", "options:").replace("goo", "go")
    code, out = check(tmp_path, "--concise", text=text)
    assert (code, out) == (
        1,
        "d.yaml:5:1: error[E101]: unknown field 'options' in the debate (did you mean "
        "'positions'? 2 references to ids defined under 'options' are not checked)\n"
        "Found 1 error in 1 file.\n",
    )


def test_a_hostile_line_is_shown_safe_and_cut_to_a_window(tmp_path: Path) -> None:
    long_ = "x" * 5000
    text = DEBATE.replace("supports: goo", f"supports: goo\u202e{long_}")
    _, out = check(tmp_path, "--select", "E", text=text)
    shown = out.splitlines()[2]
    assert "\u202e" not in shown
    assert "\\u202e" in shown
    assert len(shown) < 140
    assert shown.endswith("…")
