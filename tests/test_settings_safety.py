"""Settings cannot hide what cannot be read (issue 21): a file that could not be read or
parsed is reported whatever `ignore` and `select` say; settings are looked up no further
than the repository's root or the home folder; a run that ignores codes says how many
and by which settings; a settings file that cannot be used is one line, never a
traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.settings import searched
from tests.conftest import ROOT

runner = CliRunner()
VALID = (ROOT / "tests" / "zoo" / "valid-base.yaml").read_text(encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (with .git) holding a folder of debates, under a shared folder that
    is not the home folder."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    root = tmp_path / "shared" / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "debates").mkdir()
    return root


def run(*args: str) -> tuple[int, str, str]:
    done = runner.invoke(app, ["check", "--concise", *args])
    return done.exit_code, done.stdout, done.stderr


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("syntax.yaml", "argmap: 1\nid: [x\n", "E004"),
        ("binary.yaml", b"\x00\x01\x02binary", "E004"),
        ("latin1.yaml", "title: caf\xe9\n".encode("latin-1"), "E003"),
        ("empty.yaml", "", "E013"),
        ("alias.yaml", "a: &x 1\nb: *x\n", "E007"),
        ("syntax.json", '{"argmap": 1,', "E005"),
    ],
)
@pytest.mark.parametrize(
    "settings", ['ignore = ["E"]', 'select = ["W3"]', 'quiet = true\nignore = ["E0"]']
)
def test_no_setting_hides_a_file_that_could_not_be_read(
    repo: Path, name: str, content: str | bytes, code: str, settings: str
) -> None:
    (repo / "argmap.toml").write_text(settings + "\n", encoding="utf-8")
    path = repo / "debates" / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    status, out, _ = run(str(path))
    assert status == 1
    assert f"error[{code}]" in out
    assert "No problems found" not in out
    status, out, _ = run(str(path), "--ignore", "E", "--select", "W")
    assert (status, f"error[{code}]" in out) == (1, True)


def test_a_fifo_among_the_debates_is_reported_whatever_the_settings(repo: Path) -> None:
    (repo / "argmap.toml").write_text('ignore = ["E"]\n', encoding="utf-8")
    os.mkfifo(repo / "debates" / "pipe.yaml")
    status, out, _ = run(str(repo / "debates"))
    assert status == 1
    assert "error[E001]" in out
    assert "named pipe" in out


def test_an_unreadable_source_file_is_reported_whatever_the_settings(repo: Path) -> None:
    (repo / "argmap.toml").write_text('ignore = ["E2"]\n', encoding="utf-8")
    text = VALID.replace(
        "sources:\n  - id: report\n", "sources:\n  - id: report\n    file: gone.txt\n"
    )
    assert text != VALID
    (repo / "debates" / "d.yaml").write_text(text, encoding="utf-8")
    status, out, _ = run(str(repo / "debates" / "d.yaml"))
    assert (status, "error[E213]" in out) == (1, True)


def test_settings_are_read_up_to_the_repository_root_and_never_beyond(repo: Path) -> None:
    debate = repo / "debates" / "d.yaml"
    debate.write_text(VALID.replace("supports: go", "supports: goo", 1), encoding="utf-8")
    shared = repo.parent
    (shared / "argmap.toml").write_text('ignore = ["E"]\n', encoding="utf-8")  # beyond
    status, out, _ = run(str(debate))
    assert (status, "error[E202]" in out) == (1, True)
    assert searched(debate) == [repo / "debates", repo]
    (repo / "argmap.toml").write_text('ignore = ["E202"]\n', encoding="utf-8")  # the root
    status, out, _ = run(str(debate))
    assert status == 0
    assert out.splitlines()[-1].endswith(f"1 problem ignored, by {repo / 'argmap.toml'}.")


def test_settings_are_read_up_to_the_home_folder_and_never_beyond(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    folder = home / "work" / "debates"
    folder.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    debate = folder / "d.yaml"
    debate.write_text(VALID, encoding="utf-8")
    assert searched(debate) == [folder, home / "work", home]
    (tmp_path / "argmap.toml").write_text("this is not read = [", encoding="utf-8")
    assert run(str(debate))[0] == 0


def test_a_debate_outside_any_repository_and_home_reads_its_own_folder_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    folder = tmp_path / "shared" / "class"
    folder.mkdir(parents=True)
    debate = folder / "d.yaml"
    debate.write_text(VALID.replace("supports: go", "supports: goo", 1), encoding="utf-8")
    (tmp_path / "shared" / "argmap.toml").write_text('ignore = ["E"]\n', encoding="utf-8")
    assert searched(debate) == [folder]
    assert run(str(debate))[0] == 1


def test_the_summary_says_how_many_were_ignored_and_by_what(repo: Path) -> None:
    debate = repo / "debates" / "d.yaml"
    debate.write_text(VALID.replace("supports: go", "supports: goo", 1), encoding="utf-8")
    toml = repo / "argmap.toml"
    toml.write_text('ignore = ["E202"]\n', encoding="utf-8")
    _, out, _ = run(str(debate), "--quiet")
    assert out == f"No problems found in 1 file. 2 problems ignored, by {toml} and --quiet.\n"
    _, out, _ = run(str(debate), "--ignore", "E202,W")
    assert out.endswith(" 2 problems ignored, by --ignore.\n")  # E202 and W302
    done = runner.invoke(app, ["check", "--format", "json", str(debate)])
    assert json.loads(done.stdout)["ignored"] == {str(toml): 1}
    other = repo / "other"
    other.mkdir()
    (other / "d.yaml").write_text(debate.read_text(encoding="utf-8"), encoding="utf-8")
    (other / "argmap.toml").write_text('select = ["W"]\n', encoding="utf-8")
    _, out, _ = run(str(debate), str(other / "d.yaml"))
    assert out.endswith(f"2 problems ignored: 1 by {toml} and 1 by {other / 'argmap.toml'}.\n")


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("x = " + "[" * 50_000, "not valid TOML (it nests too deeply)"),
        (b"\xff\xfe ignore", "not valid TOML ("),
        ("ignore = [", "not valid TOML (Invalid value (at end of document))"),
        ("ignore = 'E'", "'ignore' must be a list of codes"),
        ("quiet = 'yes'", "'quiet' must be true or false"),
        ("ignroe = []", "unknown setting 'ignroe'; did you mean 'ignore'?"),
        ('ignore = ["X9"]', "'ignore': 'X9' matches no code"),
        ("x = 1\n" + "#" * (1 << 20), "a settings file of more than 1 MiB is not read"),
    ],
)
def test_a_settings_file_that_cannot_be_used_is_one_line(
    repo: Path, content: str | bytes, said: str
) -> None:
    toml = repo / "argmap.toml"
    if isinstance(content, bytes):
        toml.write_bytes(content)
    else:
        toml.write_text(content, encoding="utf-8")
    (repo / "debates" / "d.yaml").write_text(VALID, encoding="utf-8")
    status, out, err = run(str(repo / "debates" / "d.yaml"))
    assert (status, out) == (2, "")
    assert err.startswith(f"Error: {toml}")
    assert said in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling link"])
def test_a_settings_name_that_is_not_a_file_is_one_line(repo: Path, kind: str) -> None:
    toml = repo / "argmap.toml"
    if kind == "folder":
        toml.mkdir()
    elif kind == "fifo":
        os.mkfifo(toml)
    else:
        toml.symlink_to(repo / "nowhere.toml")
    (repo / "debates" / "d.yaml").write_text(VALID, encoding="utf-8")
    status, out, err = run(str(repo / "debates" / "d.yaml"))
    assert (status, out) == (2, "")
    assert err.startswith(f"Error: {toml}: ")
    assert err.count("\n") == 1
