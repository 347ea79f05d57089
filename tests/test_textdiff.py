"""The unified diff ``fmt --check`` prints: applied to the first text, it gives the
second, whatever the texts; and it stays linear on texts that differ throughout."""

from __future__ import annotations

import difflib
import re

from hypothesis import given
from hypothesis import strategies as st

from argmap.textdiff import SMALL_GAP, unified

lines = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "d\n", "e\n", "f", "x y\n"]), max_size=40)


def apply(text: list[str], diff: str) -> list[str]:
    """``diff`` applied to ``text``, as patch applies a unified diff."""
    out: list[str] = []
    at = 0
    body = diff.splitlines(keepends=True)[2:]
    k = 0
    while k < len(body):
        found = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", body[k])
        assert found, body[k]
        start = int(found.group(1)) - (0 if found.group(2) == "0" else 1)
        out += text[at:start]
        at = start
        k += 1
        while k < len(body) and not body[k].startswith("@@"):
            mark, line = body[k][0], body[k][1:]
            if k + 1 < len(body) and body[k + 1].startswith("\\ No newline"):
                line = line.removesuffix("\n")
                k += 1
            if mark in " -":
                assert text[at] == line
                at += 1
            if mark in " +":
                out.append(line)
            k += 1
    return out + text[at:]


@given(lines, lines)
def test_the_diff_turns_one_text_into_the_other(one: list[str], two: list[str]) -> None:
    # only the last line of a text may lack its line ending
    one = [x if x.endswith("\n") else x + "\n" for x in one[:-1]] + one[-1:]
    two = [x if x.endswith("\n") else x + "\n" for x in two[:-1]] + two[-1:]
    diff = unified(one, two, "a", "b")
    if one == two:
        assert diff.text == ""
        return
    assert diff.text.startswith("--- a\n+++ b\n@@ ")
    assert apply(one, diff.text) == two


def test_small_texts_diff_as_difflib_does() -> None:
    one = [f"line {n}\n" for n in range(30)]
    two = [*one[:5], "new\n", *one[7:20], *one[21:]]
    ours = unified(one, two, "a", "b").text
    theirs = "".join(difflib.unified_diff(one, two, "a", "b"))
    assert ours == theirs


def test_texts_that_differ_throughout_are_compared_in_linear_time() -> None:
    """Every line changed, and none unique: one block, said to be shown whole."""
    size = int(SMALL_GAP**0.5) + 10
    one = ["same\n", "x\n"] * size
    two = ["same\n", "y\n"] * size
    diff = unified(one, two, "a", "b")
    assert diff.coarse == 1
    assert apply(one, diff.text) == two


def test_the_yaml_line_breaks_are_never_printable() -> None:
    """The YAML dumper keeps a text plain when it is printable but for line feeds; that
    test holds only while no YAML line break counts as printable."""
    from argmap.io.yaml_source import _YAML_BREAKS

    assert not any(ch.isprintable() for ch in _YAML_BREAKS)
