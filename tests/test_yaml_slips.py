"""The commonest slips of beginners writing YAML, each pinned with the message it gets:
the line of the cause (which may be above the line the parser stopped at) and a hint
that sends the student the right way."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app

HEAD = "argmap: 1\nid: d\ntitle: T\nquestion: Q?\npositions:\n  - id: go\n    text: Go.\n"
ACTORS = "actors:\n  - id: x\n    name: X\n  - id: y\n    name: Y\n"
ARG = "arguments:\n  - id: a\n"

SLIPS: dict[str, tuple[str, str]] = {
    "over-indented line": (
        HEAD + ARG + "    text: A.\n      supports: go\n",
        "11:7: error[E004]: mapping values are not allowed in this context (this line is "
        "indented more than 'text:' above it, so it reads as part of that value: line it up "
        "with 'text:')",
    ),
    "colon inside a value": (
        HEAD + ARG + "    text: Note: this is good.\n",
        "10:11: error[E004]: mapping values are not allowed in this context (the value of "
        "'text' holds ': ': put the text in quotes (write text: \"Note: this is good.\"))",
    ),
    "apostrophe in single quotes": (
        HEAD + ARG + "    text: 'It's good.'\n",
        "10:11: error[E004]: did not find expected key (while parsing a block mapping) (an "
        "apostrophe inside single quotes ends the text: write it twice (It''s) or use "
        "double quotes)",
    ),
    "comma list": (
        HEAD + ACTORS + ARG + "    text: A.\n    supports: go\n    by: x, y\n",
        "17:9: error[E202]: argument 'a' is advanced by unknown id 'x, y' (write a list: [x, y])",
    ),
    "no space after the dash": (
        HEAD + "arguments:\n  -id: a\n    text: A.\n",
        "9:3: error[E004]: mapping values are not allowed in this context (put a space "
        "after the '-': a list item starts with '- ')",
    ),
    "no space after the colon": (
        HEAD + "arguments:\n  - id:a\n    text: A.\n",
        "9:8: error[E004]: mapping values are not allowed in this context (put a space "
        "after the ':' of 'id' (write 'id: a…'))",
    ),
    "unclosed list": (
        HEAD + ARG + "    text: A.\n    supports: [go\n",
        "11:15: error[E004]: did not find expected ',' or ']' (while parsing a flow "
        "sequence) (this list opened with '[' is not closed: end it with ']' on the same "
        "line, or write one item per line starting '- ')",
    ),
    "unclosed quote": (
        HEAD + ARG + '    text: "unclosed\n    supports: go\n',
        "12:1: error[E004]: found unexpected end of stream (while scanning a quoted scalar) "
        "(a quoted value is not closed; add the closing quote)",
    ),
    "tab for indentation": (
        HEAD + ARG + "\ttext: A.\n",
        "10:1: error[E004]: found a tab character that violates indentation (while "
        "scanning a plain scalar) (YAML does not allow tabs for indentation; indent with "
        "spaces)",
    ),
    "under-indented item": (
        HEAD + ARG + "   text: A.\n    supports: go\n",
        "10:4: error[E004]: did not find expected '-' indicator (while parsing a block "
        "collection) (list items start with '- ' at the same indentation)",
    ),
    "the same key twice": (
        HEAD + ARG + "    text: A.\n    text: B.\n    supports: go\n",
        "11:5: error[E006]: duplicate key 'text': it is already set at line 10:5 (YAML keeps "
        "only one of the two values; delete or merge one of them)",
    ),
    "an empty value": (
        HEAD + ARG + "    text:\n    supports: go\n",
        "10:10: error[E103]: 'text' of argument 'a' has no value; expected text (write a "
        "value after 'text:' or remove the line)",
    ),
    "a list written without dashes": (
        HEAD + "arguments:\n  id: a\n  text: A.\n",
        "9:3: error[E103]: 'arguments' of the debate must be a list, not a mapping (start "
        "each item of the list with '- ', one item after another)",
    ),
    "two documents": (
        HEAD + "---\nargmap: 1\n",
        "8:1: error[E009]: a debate file holds one YAML document; a second one starts here "
        "(put each debate in its own file, or remove the '---' line)",
    ),
    "a value that starts with '@'": (
        HEAD + ARG + "    text: @mayor said so.\n    supports: go\n",
        "10:11: error[E004]: found character that cannot start any token (while scanning "
        "for the next token) (a value cannot start with '@' in YAML: put the text in quotes "
        '(write text: "@mayor said so."))',
    ),
    "a value that starts with '*'": (
        HEAD + ARG + "    text: *really* good.\n    supports: go\n",
        "10:11: error[E004]: did not find expected alphabetic or numeric character (while "
        "scanning an alias) ('*' at the start of a value marks an alias in YAML: put the "
        'text in quotes (write text: "*really* good."))',
    ),
    "a value that starts with '['": (
        HEAD + ARG + "    text: [citation needed] it works.\n    supports: go\n",
        "10:11: error[E004]: did not find expected key (while parsing a block mapping) (a "
        "value that starts with '[' is read as a list: put the text in quotes (write text: "
        '"[citation needed] it works."))',
    ),
    "quotes around the first words only": (
        HEAD + ARG + '    text: "Blacklist" is the word.\n    supports: go\n',
        "10:11: error[E004]: did not find expected key (while parsing a block mapping) (the "
        'quotes close before the end of the value, at "Blacklist": put the whole of it in '
        "quotes (write text: '\"Blacklist\" is the word.'))",
    ),
    "a value that starts with '>'": (
        HEAD + ARG + "    text: > 50 percent agree.\n    supports: go\n",
        "10:11: error[E004]: did not find expected comment or line break (while scanning a "
        "block scalar) ('>' at the start of a value begins a block of text on the lines "
        'below: put the text in quotes (write text: "> 50 percent agree."))',
    ),
    "a text going on without indentation": (
        HEAD + ARG + "    text: This is a long\n    sentence.\n    supports: go\n",
        "11:5: error[E004]: could not find expected ':' (while scanning a simple key) (this "
        "line has no 'name:', so it cannot start a field; if it goes on with the text of "
        "'text' above, indent it more than 'text:')",
    ),
    "block text not indented": (
        HEAD + ARG + "    text: |\n    A.\n    supports: go\n",
        "11:5: error[E004]: could not find expected ':' (while scanning a simple key) (the "
        "text after 'text: |' must be indented more than 'text:')",
    ),
    "'=' instead of ':'": (
        HEAD + ARG + "    text = A.\n    supports: go\n",
        "10:9: error[E004]: could not find expected ':' (while scanning a simple key) (a "
        "field is written 'name: value', with a colon: write 'text: A.')",
    ),
    "a decimal comma": (
        HEAD + ARG + "    text: A.\n    supports: go\n    weight: 0,8\n",
        "12:13: error[E103]: 'weight' of argument 'a' must be a number, not the text '0,8' "
        "(write decimals with a point: 0.8)",
    ),
    "a text cut by '#'": (
        HEAD + ARG + "    text: We are #1 in the region.\n    supports: go\n",
        "10:18: warning[W312]: the value of 'text' ends before '#1 in the region.': in YAML "
        "' #' starts a comment, so the rest of the line is left out (put the whole text in "
        'quotes (write text: "We are #1 in the region."))',
    ),
}


@pytest.mark.parametrize("slip", list(SLIPS))
def test_a_beginners_slip_gets_the_message_that_helps(slip: str, tmp_path: Path) -> None:
    text, expected = SLIPS[slip]
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    done = CliRunner().invoke(app, ["check", "--concise", "--select", "E,W312", str(path)])
    first = done.stdout.splitlines()[0].replace(f"{path}:", "")
    assert (done.exit_code, first) == (1 if "error[" in expected else 0, expected)


def test_the_zoo_holds_the_twenty_commonest_slips_and_more() -> None:
    assert len(SLIPS) >= 20


def test_hash_signs_that_are_comments_or_inside_block_text_are_not_reported(
    tmp_path: Path,
) -> None:
    text = HEAD.replace("    text: Go.\n", "    text: |\n      We are #1.\n      Note: #2\n")
    text += ARG + "    text: A.  # a note, #3\n    weight: 0.5 #guess\n    supports: go\n"
    text += "    title: C# tips\n"
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    done = CliRunner().invoke(app, ["check", "--concise", "--select", "W312", str(path)])
    assert (done.exit_code, done.stdout) == (
        0,
        "No problems found in 1 file. 2 problems ignored, by --select.\n",
    )


def test_a_plain_value_before_a_comment_names_only_the_cut_words(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(HEAD.replace("text: Go.", "text: Go #1 # plan"), encoding="utf-8")
    done = CliRunner().invoke(app, ["check", "--concise", "--select", "W312", str(path)])
    assert done.stdout.splitlines()[0].endswith('(write text: "Go #1"))')
