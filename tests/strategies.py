"""Hypothesis strategies: valid debates as raw data, and mutators that break one rule each.

A generated debate is the plain data a user would write (ids, references, ISO dates as
text), so it can be written out as YAML or JSON and read back through the real loader.
Each mutator breaks exactly one rule and names the code that must be reported.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

import argmap

Raw = dict[str, Any]

ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
characters = st.characters(codec="utf-8", exclude_categories=["Cc"], include_characters="\t\n")
"""Any character a debate's text may hold: everything but control characters (tab and
line feed apart) and surrogates, which argmap refuses (E109)."""
text = st.text(characters, min_size=1, max_size=30).filter(lambda s: bool(s.strip()))
"""Any Unicode text with something visible in it."""
STANCES = ["supports", "opposes", "neutral", "divided", "unknown"]


@st.composite
def debates(draw: st.DrawFn, max_arguments: int = 8) -> Raw:
    """A valid debate: every reference resolves, no support cycle, co-premises agree."""
    n_sources = draw(st.integers(1, 2))
    n_positions = draw(st.integers(1, 3))
    n_actors = draw(st.integers(0, 3))
    n_arguments = draw(st.integers(1, max_arguments))
    names = draw(
        st.lists(
            ids,
            min_size=n_sources + n_positions + n_actors + n_arguments + 1,
            unique=True,
            max_size=n_sources + n_positions + n_actors + n_arguments + 1,
        )
    )
    debate_id, names = names[0], names[1:]
    source_ids = names[:n_sources]
    position_ids = names[n_sources : n_sources + n_positions]
    actor_ids = names[n_sources + n_positions : n_sources + n_positions + n_actors]
    argument_ids = names[n_sources + n_positions + n_actors :]

    raw: Raw = {"argmap": 1, "id": debate_id, "title": draw(text), "question": draw(text)}
    if draw(st.booleans()):
        raw["date"] = draw(st.dates()).isoformat()
    for field in ("context", "bottom_line", "background", "recommendation"):
        if draw(st.booleans()):
            raw[field] = draw(text)
    if draw(st.booleans()):
        raw["tags"] = draw(st.lists(text, max_size=3))
    if draw(st.booleans()):
        raw["confidence"] = draw(st.sampled_from(["high", "moderate", "low"]))
    raw["sources"] = [
        {
            "id": s,
            "title": draw(text),
            **({"url": "https://example.org/" + s} if draw(st.booleans()) else {}),
        }
        for s in source_ids
    ]
    actors = []
    for i, a in enumerate(actor_ids):
        actor: Raw = {"id": a, "name": draw(text)}
        if i and draw(st.booleans()):
            actor["part_of"] = draw(st.sampled_from(actor_ids[:i]))
        stances = draw(
            st.dictionaries(st.sampled_from(position_ids), st.sampled_from(STANCES), max_size=2)
        )
        if stances:
            actor["stances"] = stances
        actors.append(actor)
    raw["actors"] = actors
    raw["positions"] = [
        {"id": p, "text": draw(text), **({"scheme": draw(text)} if draw(st.booleans()) else {})}
        for p in position_ids
    ]
    arguments: list[Raw] = []
    for i, a in enumerate(argument_ids):
        targets = position_ids + argument_ids[:i]
        arg: Raw = {"id": a, "text": draw(text)}
        if draw(st.integers(0, 3)) == 0:
            arg["scheme"] = draw(text)
        link = draw(
            st.sampled_from(["supports", "attacks", "undercuts"] if i else ["supports", "attacks"])
        )
        if link == "undercuts":
            arg["undercuts"] = [draw(st.sampled_from(argument_ids[:i]))]
        else:
            arg[link] = draw(
                st.lists(st.sampled_from(targets), min_size=1, max_size=2, unique=True)
            )
        advanced = bool(actor_ids) and draw(st.booleans())
        if advanced:
            arg["by"] = draw(
                st.lists(st.sampled_from(actor_ids), min_size=1, max_size=2, unique=True)
            )
        if draw(st.booleans()):
            arg["weight"] = draw(st.floats(0, 1))
        arg["evidence"] = [
            {"source": s, "quote": draw(text)}
            for s in draw(st.lists(st.sampled_from(source_ids), max_size=2))
        ]
        if i and draw(st.integers(0, 3)) == 0:  # a co-premise of the previous argument
            previous = arguments[-1]
            for field in ("supports", "attacks", "undercuts"):
                arg.pop(field, None)
                if field in previous:
                    arg[field] = list(previous[field])
            arg["linked_with"] = [previous["id"]]
        elif i >= 2 and draw(st.integers(0, 4)) == 0:  # a premise of two inferences
            one, two = arguments[-1], arguments[-2]
            first = (one.get("supports") or [None])[0]
            second = (two.get("supports") or [None])[0]
            if first and second and first != second:
                for field in ("supports", "attacks", "undercuts"):
                    arg.pop(field, None)
                arg["supports"] = [first, second]
                arg["linked_with"] = {first: [one["id"]], second: [two["id"]]}
        arguments.append(arg)
    raw["arguments"] = arguments
    return raw


def _linked(raw: Raw) -> set[str]:
    """Arguments in a co-premise group: changing their targets breaks the group."""
    linked = set()
    for arg in raw["arguments"]:
        partners = arg.get("linked_with")
        if partners:
            linked.add(arg["id"])
            if isinstance(partners, dict):
                linked.update(p for group in partners.values() for p in group)
            else:
                linked.update(partners)
    return linked


def _free_arguments(raw: Raw) -> list[Raw]:
    linked = _linked(raw)
    return [a for a in raw["arguments"] if a["id"] not in linked]


Mutator = Callable[[st.DrawFn, Raw], str]
"""Changes a raw debate in place to break one rule; returns the code it must raise."""


def unknown_field(draw: st.DrawFn, raw: Raw) -> str:
    draw(st.sampled_from(raw["arguments"]))["colour"] = "red"
    return "E101"


def missing_field(draw: st.DrawFn, raw: Raw) -> str:
    del draw(st.sampled_from(raw["positions"]))["text"]
    return "E102"


def wrong_type(draw: st.DrawFn, raw: Raw) -> str:
    arg = draw(st.sampled_from(raw["arguments"]))
    arg["text"] = [arg["text"]]
    return "E103"


def invalid_value(draw: st.DrawFn, raw: Raw) -> str:
    draw(st.sampled_from(raw["arguments"]))["weight"] = draw(st.sampled_from([1.5, -0.1, 7]))
    return "E104"


def invalid_id(draw: st.DrawFn, raw: Raw) -> str:
    raw["sources"].append(
        {"id": draw(st.sampled_from(["Bad Id", "-x", "é", "a" * 65])), "title": "t"}
    )
    return "E105"


def unsupported_version(draw: st.DrawFn, raw: Raw) -> str:
    raw["argmap"] = draw(st.sampled_from([0, 2, "1.0", "one"]))
    return "E106"


def invalid_url(draw: st.DrawFn, raw: Raw) -> str:
    source = draw(st.sampled_from(raw["sources"]))
    source["url"] = draw(
        st.sampled_from(["ftp://example.org", "javascript:alert(1)", "example.org"])
    )
    return "E107"


def invalid_date(draw: st.DrawFn, raw: Raw) -> str:
    raw["date"] = draw(st.sampled_from(["yesterday", "2019-13-01", "22/05/2019"]))
    return "E108"


def duplicate_id(draw: st.DrawFn, raw: Raw) -> str:
    taken = draw(st.sampled_from(raw["arguments"]))["id"]
    raw["positions"].append({"id": taken, "text": "A second element with a taken id."})
    return "E201"


def unknown_reference(draw: st.DrawFn, raw: Raw) -> str:
    draw(st.sampled_from(raw["arguments"]))["by"] = ["nobody-at-all-0"]
    return "E202"


def wrong_reference_kind(draw: st.DrawFn, raw: Raw) -> str:
    arg = draw(st.sampled_from(raw["arguments"]))
    arg["evidence"] = [{"source": raw["positions"][0]["id"]}]
    return "E203"


def no_target(draw: st.DrawFn, raw: Raw) -> str:
    undercut = {t for a in raw["arguments"] for t in a.get("undercuts", [])}
    free = [a for a in _free_arguments(raw) if a["id"] not in undercut]
    assume(free)
    arg = draw(st.sampled_from(free))
    for field in ("supports", "attacks", "undercuts"):
        arg.pop(field, None)
    return "E204"


def self_reference(draw: st.DrawFn, raw: Raw) -> str:
    free = _free_arguments(raw)
    assume(free)
    arg = draw(st.sampled_from(free))
    arg["attacks"] = [*arg.get("attacks", []), arg["id"]]
    return "E205"


def support_cycle(draw: st.DrawFn, raw: Raw) -> str:
    free = _free_arguments(raw)
    assume(len(free) >= 2)
    a, b = draw(
        st.lists(st.sampled_from(free), min_size=2, max_size=2, unique_by=lambda x: x["id"])
    )
    a["supports"] = [*a.get("supports", []), b["id"]]
    b["supports"] = [*b.get("supports", []), a["id"]]
    return "E206"


def part_of_cycle(draw: st.DrawFn, raw: Raw) -> str:
    assume(len(raw["actors"]) >= 2)
    a, b = draw(
        st.lists(
            st.sampled_from(raw["actors"]), min_size=2, max_size=2, unique_by=lambda x: x["id"]
        )
    )
    a["part_of"], b["part_of"] = b["id"], a["id"]
    return "E207"


def undercut_a_position(draw: st.DrawFn, raw: Raw) -> str:
    free = _free_arguments(raw)
    assume(free)
    arg = draw(st.sampled_from(free))
    arg["undercuts"] = [*arg.get("undercuts", []), draw(st.sampled_from(raw["positions"]))["id"]]
    return "E208"


def co_premise_targets(draw: st.DrawFn, raw: Raw) -> str:
    def targets(arg: Raw) -> set[tuple[str, str]]:
        return {(f, t) for f in ("supports", "attacks", "undercuts") for t in arg.get(f, [])}

    free = _free_arguments(raw)
    pairs = [(a, b) for a in free for b in free if a is not b and targets(a) != targets(b)]
    assume(pairs)
    a, b = draw(st.sampled_from(pairs))
    a["linked_with"] = [b["id"]]
    return "E209"


def argument_without_evidence(draw: st.DrawFn, raw: Raw) -> str:
    target = draw(st.sampled_from(raw["arguments"]))["id"]
    raw["arguments"].append({"id": "added-0", "text": "An added reason.\u2060", "supports": target})
    assume(
        "added-0" not in {a["id"] for key in ("sources", "actors", "positions") for a in raw[key]}
    )
    return "W303"


def unused_source(draw: st.DrawFn, raw: Raw) -> str:
    raw["sources"].append({"id": "unused-source-0", "title": "Nobody cites this."})
    return "W305"


def unused_actor(draw: st.DrawFn, raw: Raw) -> str:
    raw["actors"].append({"id": "unused-actor-0", "name": "Nobody"})
    return "W304"


def duplicate_text(draw: st.DrawFn, raw: Raw) -> str:
    original = draw(st.sampled_from(raw["arguments"]))
    raw["arguments"].append(
        {
            "id": "added-0",
            "text": original["text"],
            "supports": original["id"],
            "evidence": [{"source": raw["sources"][0]["id"]}],
        }
    )
    return "W307"


def unargued_position(draw: st.DrawFn, raw: Raw) -> str:
    raw["positions"].append({"id": "added-position-0", "text": "An option nobody argues."})
    return "W301"


def one_sided_position(draw: st.DrawFn, raw: Raw) -> str:
    raw["positions"].append({"id": "added-position-0", "text": "An option with a reason for."})
    raw["arguments"].append(
        {
            "id": "added-0",
            "text": "The only reason given for the added option.",
            "supports": "added-position-0",
            "evidence": [{"source": raw["sources"][0]["id"]}],
        }
    )
    return "W302"


def actor_against_own_stance(draw: st.DrawFn, raw: Raw) -> str:
    supported = {t for a in raw["arguments"] for t in a.get("supports", [])}
    targets = [p["id"] for p in raw["positions"] if p["id"] in supported]
    assume(targets)
    target = draw(st.sampled_from(targets))
    raw["actors"].append({"id": "added-actor-0", "name": "A", "stances": {target: "supports"}})
    raw["arguments"].append(
        {
            "id": "added-0",
            "text": "An objection its own supporter raises.",
            "attacks": target,
            "by": ["added-actor-0"],
            "evidence": [{"source": raw["sources"][0]["id"]}],
        }
    )
    return "W306"


def duplicate_reference(draw: st.DrawFn, raw: Raw) -> str:
    arg = draw(st.sampled_from(raw["arguments"]))
    field = next(f for f in ("supports", "attacks", "undercuts") if f in arg)
    arg[field] = [*arg[field], arg[field][0]]
    return "W308"


MUTATORS: list[Mutator] = [
    unknown_field,
    missing_field,
    wrong_type,
    invalid_value,
    invalid_id,
    unsupported_version,
    invalid_url,
    invalid_date,
    duplicate_id,
    unknown_reference,
    wrong_reference_kind,
    no_target,
    self_reference,
    support_cycle,
    part_of_cycle,
    undercut_a_position,
    co_premise_targets,
    argument_without_evidence,
    unused_source,
    unused_actor,
    duplicate_text,
    unargued_position,
    one_sided_position,
    actor_against_own_stance,
    duplicate_reference,
]


@st.composite
def broken_debates(draw: st.DrawFn) -> tuple[Raw, Raw, str]:
    """(valid debate, the same debate broken one way, the code that must be reported)."""
    raw = draw(debates())
    broken = copy.deepcopy(raw)
    mutator = draw(st.sampled_from(MUTATORS))
    code = mutator(draw, broken)
    return raw, broken, code


def debate_with(text: str) -> argmap.Debate:
    data: dict[str, Any] = {
        "argmap": 1,
        "id": "zoo",
        "title": text,
        "question": text,
        "context": text,
        "bottom_line": text,
        "background": text,
        "recommendation": text,
        "criteria": [text],
        "confidence": "low",
        "sources": [
            {
                "id": "s",
                "title": text,
                "publisher": text,
                "author": text,
                "url": 'https://example.org/a?b=<c>&d="e"',
            }
        ],
        "actors": [
            {
                "id": "a",
                "name": text,
                "description": text,
                "stances": {"p": "supports"},
                "power": "high",
                "interest": "low",
            }
        ],
        "positions": [{"id": "p", "text": text, "title": text, "assessment": {text: text}}],
        "arguments": [
            {
                "id": "pro",
                "text": text,
                "title": text,
                "supports": "p",
                "by": "a",
                "evidence": [{"source": "s", "quote": text, "locator": text}],
            },
            {"id": "con", "text": text + " (2)", "attacks": "p"},
            {"id": "cut", "text": text + " (3)", "undercuts": "pro"},
        ],
    }
    return argmap.Debate.model_validate(data)
