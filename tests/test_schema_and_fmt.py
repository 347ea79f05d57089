"""Editor support and tidying: the JSON Schema, starter debates, canonical rewriting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.schema import schema_text, starter
from tests.conftest import ROOT
from tests.strategies import Raw, debates

runner = CliRunner()


def test_committed_schema_is_in_step() -> None:
    assert (ROOT / "docs" / "debate.schema.json").read_text(encoding="utf-8") == schema_text(), (
        "run: argmap schema -o docs/debate.schema.json"
    )


def test_schema_accepts_the_examples_and_names_every_field() -> None:
    schema = json.loads(schema_text())
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"argmap", "id", "title", "question"}
    argument = schema["$defs"]["Argument"]["properties"]
    assert {"type": "string"} in argument["supports"]["anyOf"]  # one id or a list
    for model in (argmap.Debate, argmap.Argument, argmap.Actor, argmap.Position, argmap.Source):
        props = (
            schema["properties"]
            if model is argmap.Debate
            else schema["$defs"][model.__name__]["properties"]
        )
        assert set(props) == set(model.model_fields)


@pytest.mark.parametrize("question", ["Should our town go car-free?", "Café or thé?", "???"])
def test_starter_debate_is_valid(question: str, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(starter(question), encoding="utf-8")
    report = argmap.check(path)
    assert not report.failed(strict=True), report.format_text()
    assert argmap.load(path).question == question


def test_new_writes_the_debate_and_its_schema_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "town.yaml"
    result = runner.invoke(app, ["new", "Should our town go car-free?", "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=debate.schema.json\n"
    )
    assert (tmp_path / "debate.schema.json").read_text(encoding="utf-8") == schema_text()
    debate = argmap.load(target)
    assert (debate.id, debate.title) == (
        "town-go-car-free",
        "Should our town go car-free (working title)",
    )
    assert argmap.check(target).diagnostics == ()  # not even a note
    again = runner.invoke(app, ["new", "Another?", "-o", str(target)])
    assert again.exit_code == 2
    assert "already exists" in again.stderr


def test_fmt_keeps_comments_and_the_editor_line(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    original = (ROOT / "debates" / "uk-5g-huawei-2020.yaml").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    check = runner.invoke(app, ["fmt", "--check", str(path)])
    assert check.exit_code == 1
    assert check.stdout.startswith(f"--- {path} (as it is)\n+++ {path} (canonical)\n")
    assert path.read_text(encoding="utf-8") == original  # --check changes nothing
    assert runner.invoke(app, ["fmt", str(path)]).exit_code == 0
    text = path.read_text(encoding="utf-8")
    comments = [line for line in original.splitlines() if line.lstrip().startswith("#")]
    assert comments[0].startswith("# The UK government's decision")
    assert all(line in text.splitlines() for line in comments)  # every comment kept
    assert "# yaml-language-server: $schema=../docs/debate.schema.json" in text
    assert argmap.load(path) == argmap.load(ROOT / "debates" / "uk-5g-huawei-2020.yaml")
    assert runner.invoke(app, ["fmt", "--check", str(path)]).exit_code == 0
    assert "supports: ban\n" in text  # one id written alone stays alone
    assert "  - id: china-law\n" in text  # the indentation argmap new writes


def test_the_starter_is_canonical_and_fmt_keeps_its_editor_line(tmp_path: Path) -> None:
    target = tmp_path / "debate.yaml"
    assert runner.invoke(app, ["new", "Should we?", "-o", str(target)]).exit_code == 0
    assert runner.invoke(app, ["fmt", "--check", str(target)]).exit_code == 0


def test_fmt_refuses_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    text = (ROOT / "tests" / "zoo" / "E202-unknown-reference.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["fmt", "--write", str(path)])
    assert result.exit_code == 1
    assert path.read_text(encoding="utf-8") == text


@settings(max_examples=50, deadline=None)
@given(debates())
def test_canonical_yaml_is_a_fixed_point(raw: Raw) -> None:
    debate = argmap.Debate.model_validate(raw)
    text = argmap.dumps(debate)
    assert argmap.dumps(argmap.loads(text)) == text


def test_every_property_of_the_schema_has_a_description_and_an_example() -> None:
    from argmap.schema import json_schema

    schema = json_schema()
    properties = list(schema["properties"].items())
    for definition in schema["$defs"].values():
        properties += list(definition.get("properties", {}).items())
    assert len(properties) > 60
    missing = [name for name, p in properties if not p.get("description") or not p.get("examples")]
    assert missing == []


def test_the_schema_descriptions_are_in_step_with_the_format_reference() -> None:
    """argmap/schema_docs.py is what scripts/schema_docs.py makes of docs/format.md and
    the example debates (the package cannot read docs/ at run time)."""
    import importlib.util
    import json

    from argmap.schema_docs import FIELDS, VALUES

    spec = importlib.util.spec_from_file_location("docs", ROOT / "scripts" / "schema_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert json.loads(json.dumps(FIELDS)) == json.loads(json.dumps(module.data())), (
        "argmap/schema_docs.py is stale: run scripts/schema_docs.py"
    )
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert module.meanings(page) == VALUES, "stale: run scripts/schema_docs.py"


def test_every_value_of_every_enum_has_its_meaning_in_the_schema() -> None:
    """Editors show ``markdownEnumDescriptions`` beside each value as it is completed:
    one meaning per value, in the enum's order, none for a value the model lacks."""
    from enum import IntEnum, StrEnum

    from argmap.schema import json_schema
    from argmap.schema_docs import VALUES

    enums = {
        name: definition
        for name, definition in json_schema()["$defs"].items()
        if "enum" in definition
    }
    model_enums = {
        name
        for name, kind in vars(argmap.model).items()
        if isinstance(kind, type)
        and issubclass(kind, StrEnum | IntEnum)
        and kind not in (StrEnum, IntEnum)
    }
    assert set(enums) == model_enums == set(VALUES)
    for name, definition in enums.items():
        assert set(VALUES[name]) == {str(v) for v in definition["enum"]}, name
        meanings = definition["markdownEnumDescriptions"]
        assert len(meanings) == len(definition["enum"]) == len(definition["enumDescriptions"])
        assert all(m.strip() for m in meanings), name
        for value, meaning in zip(definition["enum"], definition["enumDescriptions"], strict=True):
            assert f"- {value}: {meaning}" in definition["description"]
    stance = enums["Stance"]
    assert stance["markdownEnumDescriptions"][stance["enum"].index("unknown")].startswith(
        "the actor's view is not known"
    )
