"""The fields a brief reads (decision, key judgements, recommends, standard …): every
mistake in them located, with a hint, all at once; and the note for what is missing."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import argmap
from argmap.cli import app

BAD = """\
argmap: 1
id: bad
title: Bad
question: Q?
recommends: stya
standard: strict
deadline: tomorrow
key_judgements:
  - just a string
  - text: ok
    confidence: sure
assumptions: {one: 1}
positions:
  - id: stay
    text: Stay.
    risks: One risk, written as one text.
  - id: go
    text: Go.
arguments:
  - id: a
    text: A.
    supports: stay
"""


def test_every_mistake_in_the_brief_fields_is_located_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    done = CliRunner().invoke(app, ["check", "--concise", str(path)])
    assert done.exit_code == 1
    lines = done.stdout.replace(str(path), "bad.yaml").splitlines()
    assert lines == [
        "bad.yaml:5:13: error[E202]: the debate recommends unknown id 'stya' "
        "(did you mean 'stay'?)",
        "bad.yaml:6:11: error[E104]: 'strict' is not a valid 'standard' of the debate "
        "(one of: preponderance, clear-and-convincing, beyond-reasonable-doubt)",
        "bad.yaml:7:11: error[E108]: 'tomorrow' is not an ISO date "
        "(write dates as YYYY-MM-DD, such as 2019-05-22)",
        "bad.yaml:9:5: error[E103]: 'key_judgements' of the debate must be a mapping of "
        "fields, not the text 'just a string' (write each judgement as '- text: …' with "
        "'confidence: high|moderate|low')",
        "bad.yaml:11:17: error[E104]: 'sure' is not a valid 'confidence' of the debate "
        "(one of: high, moderate, low)",
        "bad.yaml:12:14: error[E103]: 'assumptions' of the debate must be text or a list "
        "of texts, not a mapping (start each item of the list with '- ', one item after "
        "another)",
        "Found 6 errors in 1 file.",
    ]


def test_recommends_must_name_an_option(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(BAD.replace("recommends: stya", "recommends: a"), encoding="utf-8")
    report = argmap.check(path)
    first = report.diagnostics[0]
    assert (first.code, first.message) == (
        "E203",
        "the debate recommends 'a', which is an argument, not a position",
    )


def test_one_risk_may_be_written_as_one_text() -> None:
    debate = argmap.loads(
        "argmap: 1\nid: d\ntitle: T\nquestion: Q?\nassumptions: Only one.\n"
        "positions:\n  - id: p\n    text: P.\n    risks: One.\n    next_steps: Two.\n"
    )
    assert (debate.assumptions, debate.positions[0].risks, debate.positions[0].next_steps) == (
        ["Only one."],
        ["One."],
        ["Two."],
    )
