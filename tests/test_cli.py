"""The command line, tested like a product: exact messages and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from tests.conftest import ROOT

runner = CliRunner()
HIKVISION = "debates/hikvision-2019.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_clean_debate_exits_zero(in_root: Path) -> None:
    assert run("check", "tests/zoo/valid-base.yaml") == (0, "No problems found in 1 file.\n", "")


def test_folder_is_searched_for_debates_and_notes_never_fail(in_root: Path) -> None:
    code, out, _ = run("check", "debates", "--strict")
    assert code == 0
    assert out.endswith(
        "Found 11 notes in 4 files. 12 of 12 quotes verified against local copies (22 more "
        "cite sources without a file).\n"
    )


def test_errors_exit_one_with_every_problem_located(in_root: Path) -> None:
    code, out, err = run("check", "--concise", "tests/zoo/E202-unknown-reference.yaml")
    assert code == 1
    assert err == ""
    assert out.splitlines()[0] == (
        "tests/zoo/E202-unknown-reference.yaml:20:10: error[E202]: argument 'pro' is advanced by "
        "unknown id 'councl' (did you mean 'council'?)"
    )
    assert out.endswith("Found 4 errors and 2 warnings in 1 file.\n")


def test_warnings_pass_unless_strict(in_root: Path) -> None:
    path = "tests/zoo/W303-no-evidence.yaml"
    code, out, err = run("check", "--concise", path)
    assert (code, err) == (0, "")
    assert (
        f"{path}:24:9: warning[W303]: argument 'con' cites no evidence, and no argument "
        "supports it (add 'evidence:' with a source id and a short quote, or the reason "
        "behind it with 'supports')\n"
    ) in out
    assert out.endswith("Found 1 warning and 1 note in 1 file.\n")
    assert run("check", "--concise", "--strict", path) == (1, out, "")


def test_json_report_for_machines(in_root: Path) -> None:
    code, out, _ = run("check", "--format", "json", "tests/zoo/E101-unknown-field.json")
    assert code == 1
    data = json.loads(out)
    assert data["summary"] == {"error": 1, "warning": 0, "note": 0}
    assert data["diagnostics"][0] == {
        "file": "tests/zoo/E101-unknown-field.json",
        "line": 6,
        "column": 3,
        "severity": "error",
        "code": "E101",
        "name": "unknown-field",
        "message": "unknown field 'positons' in the debate",
        "hint": "did you mean 'positions'?",
        "path": "positons",
    }


def test_several_files_in_one_report(in_root: Path) -> None:
    code, out, _ = run(
        "check", HIKVISION, "tests/zoo/W303-no-evidence.yaml", "tests/zoo/E106-version.yaml"
    )
    assert code == 1
    assert out.endswith("Found 1 error, 1 warning and 2 notes in 3 files.\n")
    assert out.index("error[E106]") < out.index("warning[W303]") < out.index("note[")


def test_missing_path_is_a_usage_error(in_root: Path) -> None:
    assert run("check", "nope.yaml") == (2, "", "Error: no such file or folder: 'nope.yaml'\n")


def test_folder_without_debates_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = run("check", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == f"Error: no debate files (.yaml, .yml, .json) in folder '{tmp_path}'\n"


def test_unknown_option_is_a_usage_error() -> None:
    code, _, err = run("check", "--bogus", HIKVISION)
    assert code == 2
    assert "No such option: --bogus" in err


def test_no_path_is_a_usage_error() -> None:
    code, _, err = run("check")
    assert code == 2
    assert "Missing argument 'PATH'" in err


def test_version() -> None:
    assert run("--version") == (0, f"argmap {argmap.__version__}\n", "")


def test_cli_library_and_python_m_agree_byte_for_byte(in_root: Path) -> None:
    path = "tests/zoo/E104-invalid-value.yaml"
    library = argmap.check(path).format_text()
    _, cli, _ = run("check", "--concise", path)
    module = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "--concise", path],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert library == cli == module.stdout
    assert module.returncode == 1
    assert module.stderr == ""


def test_a_bad_file_never_produces_a_traceback(in_root: Path) -> None:
    for path in sorted(p for p in (ROOT / "tests" / "zoo").iterdir() if p.is_file()):
        code, out, err = run("check", str(path.relative_to(ROOT)))
        assert code in (0, 1)
        assert "Traceback" not in out + err


@pytest.mark.parametrize("command", [["--help"], ["check", "--help"]])
def test_help_is_there(command: list[str]) -> None:
    code, out, _ = run(*command)
    assert code == 0
    assert "Usage: argmap" in out


def test_text_from_the_file_cannot_forge_lines_or_restyle_the_terminal(tmp_path: Path) -> None:
    base = (ROOT / "tests" / "zoo" / "valid-base.yaml").read_text(encoding="utf-8")
    payload = '"go\\nforged.yaml:1:1: error[E999]: forged\\u202e"'
    path = tmp_path / "evil.yaml"
    path.write_text(base.replace("    attacks: go", f"    attacks: {payload}"), encoding="utf-8")
    code, out, _ = run("check", "--concise", str(path))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 3  # W302 (no argument against 'go' now), the E202, the summary
    assert "\u202e" not in out
    assert lines[0].endswith(
        "argument 'con' attacks unknown id "
        "'go\\nforged.yaml:1:1: error[E999]: forged\\u202e' "
        "(no position or argument has this id; check the spelling or add the position or argument)"
    )
    # with the source line shown, the file's text is escaped there too
    _, full, _ = run("check", str(path))
    assert "\u202e" not in full
    assert not [line for line in full.splitlines() if line.startswith("forged.yaml")]


def test_control_characters_are_refused_where_they_are_never_echoed(tmp_path: Path) -> None:
    base = (ROOT / "tests" / "zoo" / "valid-base.yaml").read_text(encoding="utf-8")
    path = tmp_path / "evil.yaml"
    path.write_text(base.replace("    attacks: go", '    attacks: "go\\e[2J"'), encoding="utf-8")
    code, out, _ = run("check", "--concise", str(path))
    assert code == 1
    assert "\x1b" not in out
    assert out == (
        f"{path}:26:14: error[E109]: 'attacks' of argument 'con' holds the control character "
        "U+001B (ESC, escape) at character 3 (remove it: text may hold tabs and line breaks, "
        "and no other control characters)\nFound 1 error in 1 file.\n"
    )


def _imports(*args: str, env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], str]:
    """``python -X importtime -m argmap ARGS``: what it did, and the modules it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "argmap", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    return done, done.stderr


def test_a_command_does_not_search_installed_packages_for_pydantic_plugins() -> None:
    """With plugins off (the command line's default), pydantic's plugin loader is never
    imported, nor ``importlib.metadata`` with it (40-55 ms of every command); a user who
    names plugins to leave out still gets pydantic's search."""
    import os

    base = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    done, imported = _imports("check", "tests/zoo/valid-base.yaml", env=base)
    assert done.returncode == 0, done.stdout
    assert done.stdout == "No problems found in 1 file.\n"
    assert " importlib.metadata\n" not in imported
    assert "pydantic.plugin._loader\n" not in imported
    # no source names a file: nothing that reads or searches one (13-18 ms)
    assert " argmap.quote_search\n" not in imported
    assert " argmap.io.source_text\n" not in imported
    done, imported = _imports(
        "check", "tests/zoo/valid-base.yaml", env={**base, "PYDANTIC_DISABLE_PLUGINS": "other"}
    )
    assert done.returncode == 0
    assert "pydantic.plugin._loader\n" in imported


def test_a_command_leaves_with_everything_frozen_and_its_files_whole(tmp_path: Path) -> None:
    """At exit the cycle collector's passes would scan every object the command made
    (50-130 ms): the command line freezes them first. What it wrote is whole."""
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen:', gc.get_freeze_count() > 10_000))\n"
        "sys.argv = ['argmap', *sys.argv[1:]]\n"
        "from argmap.__main__ import main\n"
        "main()\n"
    )
    out = tmp_path / "b.html"
    done = subprocess.run(
        [sys.executable, "-c", script, "brief", "debates/school-phones.yaml", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == "frozen: True\n"
    assert out.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_an_html_brief_starts_no_web_server_code(tmp_path: Path) -> None:
    """An HTML brief imports neither ``http.server`` nor what it brings (``ssl``,
    ``email``: 20 ms), which only printing to PDF uses."""
    import os

    out = tmp_path / "b.html"
    done, imported = _imports(
        "brief", "debates/uk-5g-huawei-2020.yaml", "-o", str(out), env=dict(os.environ)
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert out.is_file()
    assert " http.server\n" not in imported
    assert " ssl\n" not in imported


def test_the_plugin_loader_put_in_pydantics_place_gives_the_rest_of_the_real_one() -> None:
    script = (
        "import os\n"
        "os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
        "from argmap.__main__ import _no_plugin_search\n"
        "_no_plugin_search()\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "assert tuple(get_plugins()) == ()\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\n"
        "print(PYDANTIC_ENTRY_POINT_GROUP)\n"
        "import pydantic\n"
        "class Model(pydantic.BaseModel):\n"
        "    x: int\n"
        "print(Model(x='3').x)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "pydantic\n3\n", "")


def _command_names() -> list[str]:
    import typer

    group = typer.main.get_command(app)
    return sorted(set(group.commands) - {"help"})  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", _command_names())
def test_a_command_line_built_with_only_the_command_asked_behaves_as_the_whole(
    name: str,
) -> None:
    """``argmap NAME …`` runs a command line built with that command alone (building
    every command's options took 29 ms of each run): its help, and its refusal of an
    option it does not have, are the whole command line's, word for word."""
    from typer.testing import CliRunner

    from argmap.cli import narrowed

    runner = CliRunner()
    for args in ([name, "--help"], [name, "--no-such-option"]):
        only = narrowed(args)
        assert only is not app
        assert len(only.registered_commands) == 1
        alone, whole = runner.invoke(only, args), runner.invoke(app, args)
        assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)


@pytest.mark.parametrize(
    "args", [[], ["--version"], ["help", "check"], ["chekc", "x"], ["-h"]], ids=str
)
def test_anything_but_a_command_runs_the_whole_command_line(args: list[str]) -> None:
    from argmap.cli import narrowed

    assert narrowed(args) is app


def test_shell_completion_runs_the_whole_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.cli import narrowed

    monkeypatch.setenv("_ARGMAP_COMPLETE", "complete_bash")
    assert narrowed(["check"]) is app
