"""Other tools' formats: imports from self-written fixtures, exports pinned, round trips."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.io.formats import EXPORTERS
from argmap.io.formats.aif import dump_aif
from argmap.io.formats.kialo import dump_kialo
from argmap.outline import co_premise_groups, relation_groups
from tests.conftest import GOLDEN, ROOT, Golden
from tests.strategies import Raw, debates

FIXTURES = ROOT / "tests" / "fixtures" / "formats"
DEBATES = sorted((ROOT / "debates").glob("*.yaml"))


@pytest.mark.parametrize("path", sorted(FIXTURES.iterdir()), ids=lambda p: p.name)
def test_imports_are_pinned(path: Path, in_root: Path, golden: Golden) -> None:
    relative = path.relative_to(ROOT)
    report = argmap.check(relative)
    assert not report.errors, report.format_text()
    golden.check(GOLDEN / "imports" / f"{path.name}.check.txt", report.format_text())
    golden.check(GOLDEN / "imports" / f"{path.name}.yaml", argmap.dumps(argmap.load(relative)))


def test_aif_import_maps_every_construct() -> None:
    debate = argmap.load(FIXTURES / "council.aif.json")
    args = {a.id: a for a in debate.arguments}
    assert [p.id for p in debate.positions] == ["1"]
    groups = relation_groups(debate)
    assert set(groups[("2", "1")]) == {"2", "3"}  # two premises into one RA
    assert args["5"].attacks == ["1"]  # CA on an I-node
    # CA on the RA: the undercut is aimed at one premise, and counts against its group
    assert args["7"].undercuts == ["2"]
    assert args["9"].tags == ["rephrase"]  # MA
    assert debate.positions[0].scheme == "Argument From Consequences"  # the RA's scheme
    assert args["2"].by == ["actor-ana-mayor"]  # L -> YA -> I, with locutions and participants
    mayor = next(a for a in debate.actors if a.id == "actor-ana-mayor")
    assert mayor.stances == {"1": argmap.Stance.SUPPORTS}  # asserting an option


def test_defective_sources_are_located_and_imported_as_far_as_they_go(in_root: Path) -> None:
    report = argmap.check(Path("tests/fixtures/formats/broken.aif.json"))
    skipped = [d.format() for d in report.diagnostics if d.code == "W309"]
    assert skipped == [
        "tests/fixtures/formats/broken.aif.json:6:5: warning[W309]: RA node 4 has no premise "
        "(the node is skipped)",
        "tests/fixtures/formats/broken.aif.json:11:44: warning[W309]: edge 3 points at node 99, "
        "which the file does not have (the edge is skipped)",
    ]
    kialo = argmap.check(Path("tests/fixtures/formats/broken.kialo.txt"))
    assert [d.location.line for d in kialo.diagnostics if d.code == "W309"] == [3, 6]


def test_kialo_import_handles_continuations_escapes_and_forward_links() -> None:
    debate = argmap.load(FIXTURES / "tram.kialo.txt")
    assert debate.positions[0].text == "The council should build the tram line (phase one)."
    traffic = next(a for a in debate.arguments if a.text.startswith("The tram would cut"))
    assert traffic.text.endswith("\nand free the high street for buses.")  # continuation
    running = next(a for a in debate.arguments if a.text.startswith("Running costs"))
    assert set(running.supports) == {"k-1-1"}  # '-> See 1.2.1.' under 1.1, a forward link
    assert running.attacks == ["k-1-2"]


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
@pytest.mark.parametrize("path", DEBATES, ids=lambda p: p.stem)
def test_exports_are_pinned(path: Path, fmt: str, golden: Golden) -> None:
    suffix, export = EXPORTERS[fmt]
    text = export(argmap.load(path))
    assert export(argmap.load(path)) == text  # deterministic
    golden.check(GOLDEN / "exports" / f"{path.stem}{suffix}", text)


def test_convert_detects_the_input_and_takes_the_format_from_the_name(tmp_path: Path) -> None:
    runner = CliRunner()
    aif = tmp_path / "map.aif.json"
    assert runner.invoke(app, ["convert", str(DEBATES[0]), str(aif)]).exit_code == 0
    back = tmp_path / "back.yaml"
    assert runner.invoke(app, ["convert", str(aif), str(back)]).exit_code == 0
    assert argmap.load(back).arguments
    bad = runner.invoke(app, ["convert", str(DEBATES[0]), str(tmp_path / "x.png")])
    assert bad.exit_code == 2
    assert "use --to" in bad.stderr


_LINKS = ("supports", "attacks", "undercuts")


def _schemes(debate: argmap.Debate) -> dict[str, str | None]:
    supported = {t for a in debate.arguments for t in a.supports}
    elements: list[argmap.Position | argmap.Argument] = [*debate.positions, *debate.arguments]
    return {
        e.id: e.scheme for e in elements if e.id in supported and e.scheme != "Default Inference"
    }


def _structure(debate: argmap.Debate, texts: bool = True) -> dict[str, Any]:
    """What a round trip must keep: arguments and their links, co-premise groups and
    undercuts (counted against the undercut argument's whole group)."""
    groups = co_premise_groups(debate)
    per_link = relation_groups(debate)
    return {
        "positions": {p.id: p.text if texts else "" for p in debate.positions},
        "arguments": {
            a.id: (
                a.text if texts else "",
                frozenset(a.supports),
                frozenset(a.attacks),
                frozenset(m for t in a.undercuts for m in groups.get(t, (t,))),
                frozenset((t, frozenset(per_link[(a.id, t)])) for t in (*a.supports, *a.attacks)),
            )
            for a in debate.arguments
        },
    }


@settings(max_examples=int(os.environ.get("ARGMAP_FORMAT_EXAMPLES", "60")), deadline=None)
@given(debates())
def test_aif_round_trip_keeps_the_argument_structure(raw: Raw) -> None:
    debate = argmap.Debate.model_validate(raw)
    back = argmap.loads(dump_aif(debate), "json")
    assert _structure(back) == _structure(debate)
    assert _schemes(back) == _schemes(debate)  # of what is supported: an RA carries it


plain_text = st.text(
    st.characters(min_codepoint=97, max_codepoint=122) | st.just(" "), min_size=3, max_size=30
).map(lambda s: " ".join(s.split()) or "x")


@st.composite
def tree_debates(draw: st.DrawFn) -> argmap.Debate:
    """A tree: each argument has exactly one target, no co-premises, unique texts."""
    texts = draw(st.lists(plain_text, min_size=3, max_size=12, unique=True))
    n_positions = draw(st.integers(1, 2))
    positions = [{"id": f"p{i}", "text": t} for i, t in enumerate(texts[:n_positions])]
    arguments = []
    for i, text in enumerate(texts[n_positions:]):
        targets = [p["id"] for p in positions] + [f"a{j}" for j in range(i)]
        field = draw(st.sampled_from(["supports", "attacks"]))
        arguments.append({"id": f"a{i}", "text": text, field: draw(st.sampled_from(targets))})
    return argmap.Debate.model_validate(
        {
            "argmap": 1,
            "id": "tree",
            "title": "A tree",
            "question": "Which option?",
            "positions": positions,
            "arguments": arguments,
        }
    )


def _tree_shape(debate: argmap.Debate) -> set[tuple[str, str, str]]:
    text = {p.id: p.text for p in debate.positions} | {a.id: a.text for a in debate.arguments}
    return {
        (a.text, field, text[t])
        for a in debate.arguments
        for field in ("supports", "attacks")
        for t in getattr(a, field)
    } | {("position", "", p.text) for p in debate.positions}


@settings(max_examples=int(os.environ.get("ARGMAP_FORMAT_EXAMPLES", "60")), deadline=None)
@given(tree_debates())
def test_kialo_round_trip_keeps_a_tree(debate: argmap.Debate) -> None:
    back = argmap.loads(dump_kialo(debate), "yaml")
    assert _tree_shape(back) == _tree_shape(debate)
    assert back.question == debate.question


@settings(max_examples=int(os.environ.get("ARGMAP_FORMAT_EXAMPLES", "60")), deadline=None)
@given(debates())
def test_kialo_round_trip_keeps_every_link_and_its_kind(raw: Raw) -> None:
    """Cross-links (``-> See N.``) included: an undercut comes back an undercut."""
    debate = argmap.Debate.model_validate(raw)
    back = argmap.loads(dump_kialo(debate), "yaml", name="x.kialo.txt")

    def kinds(d: argmap.Debate) -> Counter[str]:
        return Counter(f for a in d.arguments for f in _LINKS for _ in getattr(a, f))

    assert kinds(back) == kinds(debate)


def test_a_kialo_claim_without_a_side_is_read_as_pro_as_the_warning_says() -> None:
    text = "Discussion Title: T\n\n1. Q?\n1.1. A claim with no side.\n1.1.1. Con: An objection.\n"
    debate = argmap.loads(text, "yaml", name="x.kialo.txt")
    args = {a.text: a for a in debate.arguments}
    assert args["An objection."].attacks  # Con
    position_or_pro = [p.text for p in debate.positions] + [
        a.text for a in debate.arguments if a.supports
    ]
    assert "A claim with no side." in position_or_pro


def test_microtext_import_maps_every_construct() -> None:
    debate = argmap.load(FIXTURES / "bins.micro.xml")
    args = {a.id: a for a in debate.arguments}
    assert [p.id for p in debate.positions] == ["a1"]  # the unit that argues for nothing
    assert args["a2"].supports == ["a1"]  # sup
    assert "example" in args["a3"].tags  # exa
    assert args["a4"].attacks == ["a1"]  # reb
    assert args["a5"].attacks == ["a4"]  # reb on a rebuttal
    assert args["a6"].undercuts == ["a2"]  # und on the edge a2 -> a1
    assert args["a7"].undercuts == ["a2"]  # add: a further premise of that undercut
    assert set(relation_groups(debate)[("a6", "a2")]) == {"a6", "a7"}
    assert args["a7"].text.startswith("(implicit")  # a unit without a segment


def test_argdown_import_reads_relations_nesting_tags_data_and_pcs() -> None:
    debate = argmap.load(FIXTURES / "tram.argdown")
    args = {a.id: a for a in debate.arguments}
    assert debate.title == "The tram line"
    assert debate.question == "The tram line"  # a heading is a group, never the question
    assert [p.id for p in debate.positions] == ["tram"]
    assert args["traffic"].supports == ["tram"]  # <+ nested under the statement
    assert args["cost"].attacks == ["tram"]  # <-
    assert args["study"].undercuts == ["traffic"]  # <_
    assert args["running-costs"].attacks == ["cost"]  # -> outgoing
    heading = "Should the council build the tram line?"
    assert args["traffic"].tags == ["transport", "city centre", heading]  # #tag, #(multi word)
    # a premise-conclusion structure: the premises support the argument jointly, and the
    # argument its conclusion
    assert args["capacity"].supports == ["tram"]
    assert args["lanes"].supports == ["capacity"]
    groups = relation_groups(debate)
    assert set(groups[("lanes", "capacity")]) == set(groups[("people", "capacity")])
    assert set(groups[("lanes", "capacity")]) == {"lanes", "people"}
    # each co-premise but the first names the first: a group is linear in its size
    assert (args["lanes"].linked_with, args["people"].linked_with) in (
        (["people"], []),
        ([], ["lanes"]),
    )


@settings(max_examples=int(os.environ.get("ARGMAP_FORMAT_EXAMPLES", "60")), deadline=None)
@given(debates())
def test_argdown_round_trip_keeps_the_argument_structure(raw: Raw) -> None:
    from argmap.io.formats.argdown import dump_argdown

    debate = argmap.Debate.model_validate(raw)
    back = argmap.loads(dump_argdown(debate), "yaml", name="x.argdown")
    assert back == debate  # all of it: front matter and {data} carry what Argdown cannot


def test_broken_argdown_is_located(in_root: Path) -> None:
    report = argmap.check(Path("tests/fixtures/formats/broken.argdown"))
    assert [(d.code, d.location.line) for d in report.diagnostics if d.code == "W309"] == [
        ("W309", 3),
        ("W309", 7),
    ]
    assert [a.id for a in argmap.load(Path("tests/fixtures/formats/broken.argdown")).arguments] == [
        "reason"
    ]


@pytest.mark.parametrize("fmt", ["aif", "kialo", "argdown"])
@pytest.mark.parametrize("path", sorted((ROOT / "debates").glob("*.yaml")), ids=lambda p: p.stem)
def test_what_a_format_claims_to_keep_comes_back_and_the_rest_is_reported(
    path: Path, fmt: str
) -> None:
    from argmap.io.formats.losses import KEEPS, KINDS, losses

    debate = argmap.load(path)
    suffix = EXPORTERS[fmt][0]
    text = EXPORTERS[fmt][1](debate)
    back = (
        argmap.loads(text, "json", name=f"x{suffix}")
        if fmt == "aif"
        else argmap.loads(text, "yaml", name=f"x{suffix}")
    )
    keeps, _ = KEEPS[fmt]
    report = " ".join(losses(debate, fmt))
    for kind, count in KINDS.items():
        if kind in keeps:
            assert count(back) == count(debate), kind
        elif kind not in ("question", "actors", "texts") and count(debate):
            assert count(back) == 0, f"{kind} is reported as dropped but comes back"
            assert kind.split(" (")[0].rstrip("s") in report, kind


def test_convert_says_what_the_output_cannot_carry(in_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.tgf"
    result = CliRunner().invoke(app, ["convert", "debates/school-phones.yaml", str(out)])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "warning: dropped 15 texts, 5 supports, 1 co-premise group, 15 titles, 5 actors, "
        "11 authorships ('by'), 13 stances, 4 sources, 12 quotes, 1 weight, 3 tags, "
        "1 status-quo mark, 9 assessments, 9 debate details, 1 question: "
        "TGF attack graphs cannot carry them",
        "warning: wrote 1 undercut as attacks: TGF attack graphs have attacks only",
        f"wrote {out}",
    ]
    strict = CliRunner().invoke(
        app, ["convert", "--strict", "debates/school-phones.yaml", str(tmp_path / "s.tgf")]
    )
    assert strict.exit_code == 1
    assert strict.output.startswith("Error: dropped 15 texts,")
    assert strict.output.endswith("; --strict writes nothing that leaves something out\n")
    assert not (tmp_path / "s.tgf").exists()
    whole = CliRunner().invoke(
        app, ["convert", "--strict", "debates/school-phones.yaml", str(tmp_path / "s.argdown")]
    )
    assert (whole.exit_code, whole.output) == (0, f"wrote {tmp_path / 's.argdown'}\n")


def test_convert_passes_on_what_the_import_skipped(in_root: Path, tmp_path: Path) -> None:
    source = "tests/fixtures/formats/broken.argdown"
    result = CliRunner().invoke(app, ["convert", source, str(tmp_path / "b.yaml")])
    assert result.exit_code == 0
    assert result.output.splitlines()[:2] == [
        f"{source}:3:1: warning[W309]: a relation with nothing above it to relate to (the line "
        "is skipped; write the statement or argument it relates to above it)",
        f"{source}:7:1: warning[W309]: an inference line with no premise above it (the line is "
        "skipped; an inference ('----') goes between numbered statements)",
    ]
    strict = CliRunner().invoke(app, ["convert", "--strict", source, str(tmp_path / "c.yaml")])
    assert strict.exit_code == 1
    assert "warning[W309]" in strict.output
    assert not (tmp_path / "c.yaml").exists()


def test_a_premise_of_two_inferences_keeps_each_group_its_own() -> None:
    """AIF: premise 3 feeds two RAs, with 4 and with 5. Each inference keeps its own
    co-premises (linked_with per target), its scheme, and the undercut of one of them."""
    from argmap.exporters.dot import export_dot
    from argmap.index import index

    debate = argmap.load(FIXTURES / "shared-premise.aif.json")
    args = {a.id: a for a in debate.arguments}
    assert args["3"].supports == ["1", "2"]
    groups = relation_groups(debate)
    assert (set(groups[("3", "1")]), set(groups[("3", "2")])) == ({"3", "4"}, {"3", "5"})
    assert (args["4"].linked_with, args["5"].linked_with) == (["3"], ["3"])
    assert {p.id: p.scheme for p in debate.positions} == {
        "1": "Argument From Consequences",
        "2": None,
    }
    assert args["6"].undercuts == ["4"]  # aimed at the premise no other inference uses
    assert args["3"].by == ["ada"]  # "Ada says '…'" names the speaker
    idx = index(debate)
    assert (idx.group("3", "1"), idx.group("3", "2")) == (("3", "4"), ("3", "5"))
    # drawn with a junction per inference, and weighed per inference
    dot = export_dot(debate)
    assert dot.count("shape=point") == 2
    from argmap.evaluate import structure

    supporters = structure(debate).supporters
    assert (supporters["1"], supporters["2"]) == ([("3", "4")], [("3", "5")])
    # and out to AIF and back: the same inferences
    back = argmap.loads(dump_aif(debate), "json", name="back.aif.json")
    assert relation_groups(back) == relation_groups(debate)
    assert {p.id: p.scheme for p in back.positions} == {p.id: p.scheme for p in debate.positions}


@pytest.mark.parametrize(
    ("linked", "message"),
    [
        (
            {"c": ["b"]},
            "argument 'a' names co-premises for 'c', which it does not support, attack or undercut",
        ),
        ({"p": ["x"]}, "co-premises 'a' and 'x' for 'p': 'x' supports 'q'"),
    ],
)
def test_co_premises_per_target_are_checked(linked: dict[str, list[str]], message: str) -> None:
    raw = {
        "argmap": 1,
        "id": "d",
        "title": "T",
        "question": "Q?",
        "positions": [{"id": "p", "text": "P."}, {"id": "q", "text": "Q."}],
        "arguments": [
            {"id": "a", "text": "A.", "supports": ["p"], "linked_with": linked},
            {"id": "b", "text": "B.", "supports": ["p"]},
            {"id": "x", "text": "X.", "supports": ["q"]},
            {"id": "c", "text": "C.", "attacks": ["q"]},
        ],
    }
    with pytest.raises(argmap.DebateError) as caught:
        argmap.loads(json.dumps(raw), "json")
    assert [d.message for d in caught.value.report.errors if d.code == "E209"] == [message]
