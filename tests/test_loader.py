"""The loader: positions, the text users typed kept as text, and hazards that must be
reported rather than crash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.io import debate_file
from argmap.io.json_source import parse_json
from argmap.io.yaml_source import dump_yaml, parse_yaml
from tests.conftest import ROOT

BASE = (ROOT / "tests" / "zoo" / "valid-base.yaml").read_text(encoding="utf-8")


def test_plain_scalars_stay_the_text_the_user_typed() -> None:
    text = (
        BASE.replace("title: A small debate", "title: no")
        .replace("question: Should the council go ahead?", "question: 3.10")
        .replace(
            "    text: Go ahead with the plan.",
            "    text: 010\n    tags: [2024-01-05, NO, ~x, 1e3]",
        )
    )
    debate = argmap.loads(text)
    assert debate.title == "no"
    assert debate.question == "3.10"
    assert debate.positions[0].text == "010"
    assert debate.positions[0].tags == ["2024-01-05", "NO", "~x", "1e3"]


def test_typed_fields_are_converted_by_the_model() -> None:
    text = (
        BASE.replace("title: A small debate", "title: T\ndate: 2019-05-22")
        .replace("    attacks: go", "    attacks: go\n    weight: .25")
        .replace("    text: Go ahead with the plan.", "    text: Go.\n    status_quo: yes")
    )
    debate = argmap.loads(text)
    assert str(debate.date) == "2019-05-22"
    assert debate.arguments[1].weight == 0.25
    assert debate.positions[0].status_quo is True


def test_a_single_id_is_a_list_of_one() -> None:
    debate = argmap.loads(BASE)
    assert debate.arguments[0].supports == ["go"]
    assert debate.arguments[1].attacks == ["go"]


def test_null_means_no_value() -> None:
    debate = argmap.loads(BASE.replace("title: A small debate", "title: T\ncontext: ~\ndate:"))
    assert debate.context is None
    assert debate.date is None


def test_byte_order_mark_is_accepted_and_positions_are_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.replace("attacks: go", "attacks: og").encode())
    (diagnostic,) = argmap.check(path).errors
    assert (diagnostic.location.line, diagnostic.location.column) == (26, 14)


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    report = argmap.check(tmp_path / "nope.yaml")
    assert report.codes == ["E001"]
    assert "cannot read the file: No such file or directory" in report.format_text()


def test_a_folder_given_as_a_file_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert argmap.check(folder).codes == ["E001"]


def test_file_over_the_size_limit_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(debate_file, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text(BASE, encoding="utf-8")
    report = argmap.check(path)
    assert report.codes == ["E002"]
    assert (
        f"the file is {len(BASE.encode()):,} bytes; argmap reads debate files of up to 100 bytes"
        in (report.format_text())
    )


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_nesting_deeper_than_the_interpreter_allows_is_an_error(fmt: str) -> None:
    text = '{"tags": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with pytest.raises(argmap.DebateError) as caught:
        argmap.loads(text, fmt)  # type: ignore[arg-type]
    assert caught.value.report.codes == ["E010"]


def test_json_duplicate_keys_are_located_even_when_nested() -> None:
    text = (
        '{"argmap": 1, "id": "x", "title": "T", "question": "Q",\n'
        ' "positions": [{"id": "p", "text": "a",\n'
        '   "text": "b"}]}'
    )
    with pytest.raises(argmap.DebateError) as caught:
        argmap.loads(text, "json", name="d.json")
    assert [d.format() for d in caught.value.report.errors] == [
        "d.json:3:4: error[E006]: duplicate key 'text': it is already set at line 2:28 "
        "(JSON readers keep only one of the two values; delete or merge one of them)"
    ]


def test_json_warnings_are_located_lazily_and_exactly() -> None:
    data: dict[str, Any] = yaml.safe_load(BASE)
    del data["arguments"][1]["evidence"]
    text = json.dumps(data, indent=2)
    report = argmap.check(argmap.loads(text, "json", name="d.json"))
    (warning,) = [d for d in report.diagnostics if d.severity == "warning"]
    line = text.splitlines()[warning.location.line - 1]  # type: ignore[operator]
    assert warning.code == "W303"
    assert line[warning.location.column - 1 :].startswith('"con"')  # type: ignore[operator]


def test_error_in_code_built_debate_is_located_by_path() -> None:
    data = yaml.safe_load(BASE)
    data["positions"] = []
    report = argmap.check(argmap.Debate.model_validate(data))
    assert {d.path for d in report.errors} == {
        "actors[0].stances.go",
        "arguments[0].supports[0]",
        "arguments[1].attacks[0]",
    }
    assert all(str(d.location) == "<zoo>" for d in report.errors)


def test_load_raises_a_debate_error_that_is_also_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"<string>:26:14: error\[E202\]"):
        argmap.loads(BASE.replace("attacks: go", "attacks: og"))


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(argmap.UsageError, match="unknown format 'xml'"):
        argmap.loads(BASE, "xml")  # type: ignore[arg-type]


def test_format_is_told_by_content_when_the_suffix_says_nothing(tmp_path: Path) -> None:
    path = tmp_path / "debate.txt"
    path.write_text(json.dumps(yaml.safe_load(BASE)), encoding="utf-8")
    assert argmap.load(path).id == "zoo"


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(json_values, st.sampled_from([None, 1]))
def test_positional_json_scanner_reads_what_the_standard_library_reads(
    value: Any, indent: int | None
) -> None:
    text = json.dumps(value, indent=indent)
    from argmap.io.json_source import scan

    parsed = scan(text, "x.json")
    assert parsed.diagnostics == []
    assert parsed.data == json.loads(text)
    assert parse_json(text, "x.json").data == parsed.data


text_trees = st.recursive(
    st.text(st.characters(codec="utf-8")),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(st.characters(codec="utf-8"), min_size=1, max_size=8),
            inner,
            max_size=4,
        )
    ),
    max_leaves=30,
)


@given(text_trees)
def test_yaml_reader_reads_text_back_as_written(value: Any) -> None:
    assert parse_yaml(dump_yaml(value), "x.yaml").data == value


plain_trees = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(st.characters(codec="utf-8")),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(st.characters(codec="utf-8"), max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(plain_trees)
def test_yaml_writer_writes_what_pyyamls_own_representer_writes(value: Any) -> None:
    """dump_yaml makes the nodes of plain data itself (and answers libyaml's questions
    about plain text itself): PyYAML's representer and resolver, with the same text
    style, must give the same text."""
    import yaml

    from argmap.io.yaml_source import _SafeDumper, _str_node

    class PyYAMLs(_SafeDumper):  # type: ignore[valid-type,misc]
        def ignore_aliases(self, data: Any) -> bool:
            return True

    PyYAMLs.add_representer(str, lambda dumper, text: _str_node(text))  # the same style
    expected = yaml.dump(
        value,
        Dumper=PyYAMLs,
        sort_keys=False,
        allow_unicode=True,
        width=88,
        default_flow_style=False,
    )
    assert dump_yaml(value) == expected


def test_a_source_after_the_debate_is_reported_for_files_and_for_debates_built_in_code() -> None:
    text = (Path(__file__).parent / "zoo" / "W311-source-after-debate.yaml").read_text()
    debate = argmap.loads(text, "yaml")
    from_code = [d.message for d in argmap.check(debate).diagnostics if d.code == "W311"]
    assert from_code == ["source 'review' is dated 2025-03-01, after the debate (2024-03-01)"]
    undated = debate.model_copy(update={"date": None})
    assert not [d for d in argmap.check(undated).diagnostics if d.code == "W311"]
