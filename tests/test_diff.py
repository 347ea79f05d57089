"""``argmap diff``: a real versioned debate (the UK's Huawei decision of January 2020 and
its reversal in July 2020), the command's outputs and exit statuses, git, and properties
of the comparison on generated edits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.diffing import Changes, changed_span, format_html, format_text, textconv
from tests.conftest import GOLDEN, ROOT, Golden

JANUARY = ROOT / "debates" / "uk-5g-huawei-2020.yaml"
JULY = ROOT / "debates" / "uk-5g-huawei-2020-07.yaml"
EXAMPLES = [ROOT / "debates" / f"{n}.yaml" for n in ("hikvision-2019", "school-phones")] + [JANUARY]
runner = CliRunner()


@pytest.fixture(scope="module")
def reversal() -> Changes:
    return argmap.diff(JANUARY.relative_to(ROOT), JULY.relative_to(ROOT))


def test_the_reversal_is_reported_element_by_element(reversal: Changes) -> None:
    data = reversal.to_dict()
    assert data["added"] == [
        "us-sanctions-2020",
        "ncsc-sanctions-analysis",
        "dcms-statement-2020",
        "sanctions",
        "phased-removal",
        "best-placed",
    ]
    assert data["removed"] == ["functions-stay"]
    assert data["renamed"] == {"replacement-cost": "cost-of-removal"}
    fields = {c["id"]: c["fields"] for c in data["changed"]}
    assert fields["core-exclusion-works"] == ["by", "weight"]
    assert fields["roll-out-delay"] == ["text", "evidence"]
    assert fields["cost-of-removal"] == ["supports", "attacks"]
    assert fields["ncsc"] == ["stances", "weights"]
    details = {c["id"]: c["details"] for c in data["changed"]}
    assert details["cost-of-removal"] == [
        "now attacks option 1 (Phase Huawei out by 2027) instead of supporting option 3 "
        "(No new limits)"
    ]
    assert details["core-exclusion-works"][-1] == "weight 0.7 → 0.3"
    assert "stance on option 1 (Phase Huawei out by 2027): opposes → supports" in details["ncsc"]
    assert "rates 2.1 The core can be kept clean: 0.9 → 0.3" in details["ncsc"]
    header = {h["field"]: h["details"] for h in data["header"]}
    assert header["recommends"] == (
        "recommends option 1 (Phase Huawei out by 2027) (was option 2 (Core out, periphery capped))"
    )
    assert header["date"] == "date 2020-01-28 → 2020-07-14"
    assert "assumptions" in header


def test_the_reversal_changes_the_answer(reversal: Changes) -> None:
    assert reversal.ranking_before == ("cap", "ban", "no-limits")
    assert reversal.ranking_after == ("ban", "cap", "no-limits")
    moved = {m.element.id: (m.before, m.after) for m in reversal.moved}
    assert moved["core-exclusion-works"] == ("in", "out")  # the sanctions answer it
    assert moved["ban"] == ("contested (rank 2)", "contested (rank 1)")
    assert reversal.cruxes_gone
    assert not reversal.cruxes_appeared
    assert {e.id for e in reversal.pivots_gone} >= {"china-law"}


def test_a_changed_text_shows_the_words_that_changed() -> None:
    was, now = changed_span(
        "Replacing Huawei would delay the roll-out by years, as the operators rebuild.",
        "Replacing Huawei would delay the roll-out by two to three years, as the operators "
        "rebuild.",
    )
    assert (was, now) == (
        "…the roll-out by years, as the…",
        "…the roll-out by two to three years, as the…",
    )


@pytest.mark.parametrize("fmt", ["txt", "json", "html"])
def test_the_reversal_outputs_are_pinned(
    reversal: Changes, fmt: str, golden: Golden, in_root: Path
) -> None:
    if fmt == "txt":
        text = format_text(reversal)
    elif fmt == "json":
        text = reversal.to_json()
    else:
        text = format_html(reversal, "Huawei in the UK's 5G networks (July 2020)")
    golden.check(GOLDEN / "diff" / f"uk-5g-january-to-july.{fmt}", text)


def test_the_html_page_is_self_contained_and_escapes_the_debate(tmp_path: Path) -> None:
    data = yaml.safe_load(JANUARY.read_text(encoding="utf-8"))
    data["arguments"][0]["text"] = "<script>alert(1)</script> & more"
    changed = tmp_path / "new.yaml"
    changed.write_text(yaml.safe_dump(data), encoding="utf-8")
    html = format_html(argmap.diff(JANUARY, changed), "<b>title</b>")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;title&lt;/b&gt;" in html
    assert "default-src &#39;none&#39;" in html
    assert "script-src" not in html
    assert "http" not in html.replace("http-equiv", "")


def test_exit_status_is_diffs(in_root: Path, tmp_path: Path) -> None:
    same = runner.invoke(app, ["diff", str(JANUARY), str(JANUARY)])
    assert (same.exit_code, same.stdout) == (
        0,
        f"argmap diff {JANUARY} {JANUARY}\nNo change: the two files hold the same debate.\n",
    )
    different = runner.invoke(app, ["diff", str(JANUARY), str(JULY), "--stat", "--color", "never"])
    assert different.exit_code == 1
    assert different.stdout.splitlines()[1:5] == [
        " sources    +3",
        " actors     ~3",
        " positions  ~2",
        " arguments  +3 -1 →1 ~4",
    ]
    missing = runner.invoke(app, ["diff", "nowhere.yaml", str(JANUARY)])
    assert missing.exit_code == 2
    assert "nowhere.yaml:1:1: error[E001]" in missing.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text(JANUARY.read_text(encoding="utf-8").replace("supports: ban", "supports: bam"))
    assert runner.invoke(app, ["diff", str(JANUARY), str(broken)]).exit_code == 2
    alone = runner.invoke(app, ["diff", str(JANUARY)])
    assert (alone.exit_code, alone.stderr) == (
        2,
        "Error: say which two versions to compare: argmap diff OLD NEW\n",
    )


def test_reformatting_and_comments_are_not_changes(tmp_path: Path) -> None:
    data = yaml.safe_load(JANUARY.read_text(encoding="utf-8"))
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")
    assert argmap.diff(JANUARY, other).same


def test_html_and_json_to_a_file_never_over_an_input(tmp_path: Path) -> None:
    out = tmp_path / "changes.html"
    done = runner.invoke(app, ["diff", str(JANUARY), str(JULY), "-f", "html", "-o", str(out)])
    assert done.exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    copy = tmp_path / "july.yaml"
    shutil.copy(JULY, copy)
    before = copy.read_bytes()
    refused = runner.invoke(app, ["diff", str(JANUARY), str(copy), "-f", "json", "-o", str(copy)])
    assert refused.exit_code == 2
    assert copy.read_bytes() == before


def _git(folder: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True, env=env
    )
    return done.stdout


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository whose last commit holds the January debate, and whose working copy
    holds the July one, with argmap's diff driver set up as docs/diff.md says."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@example.org")
    _git(tmp_path, "config", "user.name", "Teacher")
    shutil.copy(JANUARY, tmp_path / "uk-5g.yaml")
    (tmp_path / ".gitattributes").write_text("*.yaml diff=argmap\n", encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "January")
    shutil.copy(JULY, tmp_path / "uk-5g.yaml")
    command = f"{sys.executable} -m argmap diff --textconv"
    _git(tmp_path, "config", "diff.argmap.textconv", command)
    return tmp_path


def test_a_version_in_git_is_read_as_rev_colon_path(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository)
    done = runner.invoke(app, ["diff", "HEAD:uk-5g.yaml", "uk-5g.yaml", "-f", "json"])
    assert done.exit_code == 1
    assert json.loads(done.stdout)["renamed"] == {"replacement-cost": "cost-of-removal"}
    gone = runner.invoke(app, ["diff", "HEAD:nothing.yaml", "uk-5g.yaml"])
    assert gone.exit_code == 2
    assert gone.stderr == (
        "Error: 'HEAD:nothing.yaml': no such file, and git cannot read it: path "
        "'nothing.yaml' does not exist in 'HEAD'\n"
    )
    option = runner.invoke(app, ["diff", "--", "-x:uk-5g.yaml", "uk-5g.yaml"])
    assert option.exit_code == 2  # never handed to git as an option


def test_git_diff_shows_the_content_through_textconv(repository: Path) -> None:
    shown = _git(repository, "diff", "uk-5g.yaml")
    added = {line for line in shown.splitlines() if line.startswith("+")}
    assert "+argument sanctions" in added
    assert "+  weight: 0.3" in added  # core-exclusion-works, whose rating fell
    assert "-argument functions-stay" in shown.splitlines()
    assert "+# The UK government's decision of July 2020" not in shown  # comments are not content
    log = _git(repository, "log", "-p", "-1", "--format=%s").splitlines()
    assert "+debate uk-5g-huawei-2020" in log  # the commit that added the January file
    assert "+argument china-law" in log
    assert not any(line.startswith("+#") for line in log)


def test_textconv_is_one_line_per_field_in_outline_order() -> None:
    lines = textconv(argmap.load(JANUARY)).splitlines()
    assert lines[0] == "debate uk-5g-huawei-2020"
    start = lines.index("argument china-law")
    assert lines[start : start + 7] == [
        "argument china-law",
        "  text: Chinese law obliges companies to help the state's intelligence work; a "
        "vendor based in China could be made to act against the networks it supplies.",
        "  title: Bound by Chinese law",
        "  supports: ban",
        "  by: us-government, tory-hawks",
        "  weight: 0.6",
        "  evidence: us-lobbying-2020 — the US officials' argument",
    ]


def test_brief_since_says_what_changed_near_the_top(tmp_path: Path) -> None:
    html = argmap.brief(JULY, since=JANUARY).decode("utf-8")
    since = html.index('<section id="since"')
    assert html.index('id="summary"') < since < html.index('id="standing"')
    assert "What changed since the version of 2020-01-28" in html
    assert (
        "Computed by argmap: option 1 (Phase Huawei out by 2027) now ranks first; option 2 "
        "(Core out, periphery capped) did before." in html
    )
    markdown = argmap.brief(JULY, format="md", since=JANUARY).decode("utf-8")
    assert "## What changed since the version of 2020-01-28" in markdown
    assert "- Removed: argument 2.1.1.1 The sensitive functions stay in the core." in markdown
    from docx import Document

    out = tmp_path / "b.docx"
    argmap.brief(JULY, out, since=JANUARY)
    headings = [
        p.text
        for p in Document(str(out)).paragraphs
        if p.style is not None and str(p.style.name).startswith("Head")
    ]
    assert "What changed since the version of 2020-01-28" in headings


# -- properties ---------------------------------------------------------------------------

RELATION_FIELDS = ("supports", "attacks", "undercuts")


def _references(data: dict[str, Any]) -> set[str]:
    """Every id some other element or the header names."""
    found = {data.get("recommends") or ""}
    for a in data["arguments"]:
        for field in (*RELATION_FIELDS, "by"):
            found.update(_listed(a.get(field)))
        linked = a.get("linked_with") or []
        if isinstance(linked, dict):
            found.update(linked)
            found.update(i for ids in linked.values() for i in _listed(ids))
        else:
            found.update(_listed(linked))
    for actor in data.get("actors", []):
        found.update(actor.get("weights", {}))
        found.update(actor.get("stances", {}))
    return found


def _listed(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _rename(data: dict[str, Any], old: str, new: str) -> None:
    """Rename an id everywhere it is defined or named."""

    def swap(value: Any) -> Any:
        if isinstance(value, str):
            return new if value == old else value
        if isinstance(value, list):
            return [swap(v) for v in value]
        if isinstance(value, dict):
            return {swap(k): swap(v) for k, v in value.items()}
        return value

    for kind in ("sources", "actors", "positions", "arguments"):
        for element in data.get(kind, []):
            for field in list(element):
                if field in ("text", "title", "name", "quote", "locator", "description"):
                    continue
                if field == "assessment":
                    continue
                element[field] = swap(element[field])
    if data.get("recommends") == old:
        data["recommends"] = new


def _load(data: dict[str, Any]) -> argmap.Debate:
    return argmap.loads(json.dumps(data, default=str), "json")


def _plain(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=str))  # type: ignore[no-any-return]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_debate_against_itself_is_the_same(path: Path) -> None:
    debate = argmap.load(path)
    changes = argmap.diff(debate, debate)
    assert changes.same
    assert changes.to_dict()["changed"] == []
    assert not changes.ranking_changed


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_renaming_every_id_yields_only_renames(path: Path) -> None:
    data = _plain(path)
    ids = [e["id"] for kind in ("sources", "actors", "positions", "arguments") for e in data[kind]]
    for ident in ids:
        _rename(data, ident, f"x-{ident}"[:64])
    changes = argmap.diff(argmap.load(path), _load(data))
    assert changes.to_dict()["renamed"] == {i: f"x-{i}"[:64] for i in ids}
    assert not (changes.added)
    assert not (changes.removed)
    assert not (changes.changed)
    assert not (changes.header)
    assert not changes.ranking_changed
    assert not changes.moved


EDITS = ("add", "remove", "rename", "text", "turn", "weight")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), path=st.sampled_from(EXAMPLES))
def test_generated_edits_are_reported_exactly(data: st.DataObject, path: Path) -> None:
    raw = _plain(path)
    original = _load(raw)
    arguments = raw["arguments"]
    named = _references(raw)
    targeted = {t for a in arguments for f in RELATION_FIELDS for t in _listed(a.get(f))}
    linked = {a["id"] for a in arguments if a.get("linked_with")}
    linked |= {t for a in arguments for t in _listed(a.get("linked_with"))}
    chosen = data.draw(
        st.lists(st.sampled_from(range(len(arguments))), min_size=1, max_size=4, unique=True)
    )
    want_added: list[str] = []
    want_removed: list[str] = []
    want_renamed: dict[str, str] = {}
    want_changed: dict[str, list[str]] = {}
    drop = []
    for n, i in enumerate(chosen):
        arg = arguments[i]
        ident = arg["id"]
        edit = data.draw(st.sampled_from(EDITS), label=f"edit of {ident}")
        if edit == "remove" and (ident in named or ident in targeted or ident in linked):
            edit = "weight"
        one_target = [f for f in RELATION_FIELDS[:2] if len(_listed(arg.get(f))) == 1]
        if edit == "turn" and (ident in linked or len(one_target) != 1 or arg.get("undercuts")):
            edit = "text"
        if edit == "add":
            new = f"added-{n}"
            want_added.append(new)
            arguments.append(
                {
                    "id": new,
                    "text": f"Zebra quartz vortex number {n} jumps wholly unlike anything",
                    "supports": raw["positions"][0]["id"],
                }
            )
        elif edit == "remove":
            want_removed.append(ident)
            drop.append(i)
        elif edit == "rename":
            want_renamed[ident] = f"renamed-{n}"
            _rename(raw, ident, f"renamed-{n}")
        elif edit == "text":
            arg["text"] = f"Entirely rewritten claim {n}: quartz zebras vortex wholly."
            want_changed[ident] = ["text"]
        elif edit == "turn":
            field = one_target[0]
            other = "attacks" if field == "supports" else "supports"
            arg[other] = _listed(arg.pop(field))
            want_changed[ident] = sorted([field, other], key=RELATION_FIELDS.index)
        else:
            arg["weight"] = 0.123 if arg.get("weight") != 0.123 else 0.456
            want_changed[ident] = ["weight"]
    for i in sorted(drop, reverse=True):
        del arguments[i]
    changes = argmap.diff(original, _load(raw))
    got = changes.to_dict()
    assert sorted(got["added"]) == sorted(want_added)
    assert sorted(got["removed"]) == sorted(want_removed)
    assert got["renamed"] == want_renamed
    assert {c["id"]: c["fields"] for c in got["changed"]} == want_changed
    assert got["header"] == []


def test_a_rename_with_its_text_touched_says_how_alike(tmp_path: Path) -> None:
    data = _plain(JANUARY)
    _rename(data, "cap-cost", "cost-of-the-cap")
    argument = next(a for a in data["arguments"] if a["id"] == "cost-of-the-cap")
    argument["text"] = argument["text"].replace("hundreds of millions", "many millions")
    changes = argmap.diff(argmap.load(JANUARY), _load(data))
    got = changes.to_dict()
    assert got["renamed"] == {"cap-cost": "cost-of-the-cap"}
    assert 0.8 <= got["renamed_likeness"]["cap-cost"] < 1
    assert [c["fields"] for c in got["changed"]] == [["text"]]
    said = f"its text {got['renamed_likeness']['cap-cost']:.0%} alike (a rename inferred"
    assert said in format_text(changes)
