"""Conventions every command keeps: '-' is standard output (never a file named '-'),
help for each command, shell completion, and the formats convert names."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from tests.conftest import ROOT

runner = CliRunner()
DEBATE = str(ROOT / "debates" / "school-phones.yaml")


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (["render", DEBATE, "-o", "-"], "<?xml"),
        (["render", DEBATE, "-o", "-", "--format", "dot"], "digraph"),
        (["brief", DEBATE, "-o", "-"], "<!DOCTYPE html>"),
        (["brief", DEBATE, "-o", "-", "--format", "md"], "# Smartphones at Northgate"),
        (["convert", DEBATE, "-", "--to", "mermaid"], "flowchart"),
        (["convert", DEBATE, "-", "--to", "yaml"], "argmap: 1"),
    ],
)
def test_dash_is_standard_output_and_never_a_file(
    args: list[str], starts: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    done = runner.invoke(app, args)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith(starts)
    assert os.listdir(tmp_path) == []  # no file named '-'


def test_convert_to_standard_output_needs_the_format(tmp_path: Path) -> None:
    done = runner.invoke(app, ["convert", DEBATE, "-"])
    assert (done.exit_code, done.stderr) == (2, "Error: with OUT '-', say the format with --to\n")


def test_mermaid_files_may_be_named_either_way(tmp_path: Path) -> None:
    for name in ("map.mmd", "map.mermaid"):
        done = runner.invoke(app, ["convert", DEBATE, str(tmp_path / name)])
        assert done.exit_code == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith("flowchart")


def test_convert_help_names_every_format_it_reads_and_writes() -> None:
    from argmap.io.formats import EXPORTERS

    text = " ".join(runner.invoke(app, ["convert", "--help"]).stdout.split())
    for reads in ("AIF JSON", "Kialo", "Argdown", "Microtexts", "YAML or JSON"):
        assert reads in text
    for name, (suffix, _) in EXPORTERS.items():
        assert f"{name} ({suffix}" in text


def test_help_command_explains_a_command_or_suggests_one() -> None:
    done = runner.invoke(app, ["help", "analyse"])
    assert done.exit_code == 0
    assert done.stdout.startswith("Usage: argmap analyse [OPTIONS] {DEBATE}")
    typo = runner.invoke(app, ["help", "rendr"])
    assert (typo.exit_code, typo.stderr) == (
        2,
        "Error: no such command 'rendr'; did you mean 'render'?\n",
    )


def test_shell_completion_is_offered() -> None:
    # named as the console script is, whatever started the tests (pytest, a pytest-xdist
    # worker), and for a named shell: never the one the tests happen to run in
    done = runner.invoke(app, ["--show-completion", "bash"], prog_name="argmap")
    assert done.exit_code == 0
    assert "_argmap_completion" in done.stdout
