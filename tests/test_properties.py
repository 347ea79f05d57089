"""Properties over generated debates: valid ones load cleanly and round-trip; each broken
one reports exactly the code its mutator names."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.diagnostics import Severity
from argmap.io.debate_file import Format
from tests.strategies import Raw, broken_debates, debates

FORMATS: tuple[Format, ...] = ("yaml", "json")
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _write(raw: Raw, fmt: Format) -> str:
    if fmt == "json":
        return json.dumps(raw, ensure_ascii=False)
    return yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)


def _report(raw: Raw, fmt: Format) -> argmap.Report:
    from argmap.api import _report
    from argmap.io.debate_file import read_text

    return _report(read_text(_write(raw, fmt), fmt, f"generated.{fmt}"))


def _warnings(report: argmap.Report) -> Counter[str]:
    return Counter(d.code for d in report.diagnostics if d.severity is Severity.WARNING)


def _codes(report: argmap.Report, severity: Severity) -> set[str]:
    return {d.code for d in report.diagnostics if d.severity is severity}


@SETTINGS
@given(debates(), st.sampled_from(FORMATS))
def test_generated_debates_have_no_errors(raw: Raw, fmt: Format) -> None:
    report = _report(raw, fmt)
    assert not report.errors, report.format_text()


@SETTINGS
@given(debates(), st.sampled_from(FORMATS))
def test_load_dump_load_is_identity(raw: Raw, fmt: Format) -> None:
    debate = argmap.loads(_write(raw, fmt), fmt)
    for out in FORMATS:
        text = argmap.dumps(debate, out)
        again = argmap.loads(text, out)
        assert again == debate
        assert argmap.dumps(again, out) == text  # canonical: a fixed point


@SETTINGS
@given(broken_debates(), st.sampled_from(FORMATS))
def test_each_mutator_yields_exactly_its_code(case: tuple[Raw, Raw, str], fmt: Format) -> None:
    raw, broken, code = case
    before = _report(raw, fmt)
    after = _report(broken, fmt)
    if code.startswith("E"):
        assert _codes(after, Severity.ERROR) == {code}, after.format_text()
    else:
        assert not after.errors, after.format_text()
        new = _warnings(after) - _warnings(before)
        assert set(new) == {code}, after.format_text()


@SETTINGS
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=20,
    ),
    st.sampled_from(FORMATS),
)
def test_arbitrary_data_never_raises_anything_but_a_debate_error(data: Any, fmt: Format) -> None:
    text = _write(data if isinstance(data, dict) else {"x": data}, fmt)
    try:
        argmap.loads(text, fmt)
    except argmap.DebateError as exc:
        report = exc.report
    else:
        return
    assert report.errors
