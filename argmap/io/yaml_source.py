"""YAML in and out, keeping the position of every key and value.

PyYAML's C parser (libyaml) turns the text into events; this module builds plain Python
data from them, so it can refuse what a debate file must not contain, all located:
duplicate keys (PyYAML would silently keep the last), anchors and aliases, explicit tags,
several documents, deep nesting. Plain scalars stay the text the user typed (``no``,
``010``, ``3.10`` and ``2024-01-05`` are strings); only the empty value, ``~`` and
``null`` mean "no value". The model converts the few typed fields itself.

This module is the only one that imports PyYAML (a ruff rule enforces it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import yaml

from argmap._gc import collector_paused
from argmap.diagnostics import Diagnostic, Location
from argmap.io.source_map import (
    MAX_DEPTH,
    DataPath,
    Parsed,
    Positions,
    SourceMap,
    location_of_offset,
)

try:  # the C parser is much faster; the pure one gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_DEPTH_HINT: Final = "a debate file needs a few levels; check for runaway brackets or indentation"
_NULLS: Final = frozenset({"", "~", "null", "Null", "NULL"})
_HINTS: Final = (
    (
        "mapping values are not allowed",
        "is there a ':' inside an unquoted value? Put the text in quotes",
    ),
    ("tab character", "YAML does not allow tabs for indentation; indent with spaces"),
    (
        "cannot start any token",
        "this character cannot start a value: put the text in quotes (and indent with "
        "spaces: YAML does not allow tabs)",
    ),
    (
        "could not find expected ':'",
        "each field is written 'name: value'; check the line above too",
    ),
    ("did not find expected key", "check the indentation: items of one list or mapping line up"),
    ("did not find expected '-' indicator", "list items start with '- ' at the same indentation"),
    (
        "found undefined alias",
        "YAML aliases (*name) are not allowed in debate files; write the value out",
    ),
    (
        "control characters are not allowed",
        "remove the control character; use Markdown for formatting",
    ),
    ("found unexpected end of stream", "a quoted value is not closed; add the closing quote"),
)


class _Frame:
    """An open mapping or list while events arrive."""

    __slots__ = ("container", "key", "key_mark", "marks", "path", "skip")

    def __init__(self, container: dict[Any, Any] | list[Any], path: DataPath) -> None:
        self.container = container
        self.path = path
        self.key: Any = None  # a mapping's pending key; _NO_KEY before a key arrives
        self.key_mark: tuple[int, int] = (0, 0)
        self.marks: dict[str, Any] = {} if type(container) is dict else _NO_MARKS
        """Where each key of a mapping stands (a position, or libyaml's mark)."""
        self.skip = False  # the pending key was unusable: drop its value


_NO_KEY: Final = object()
_NO_MARKS: Final[dict[str, Any]] = {}  # a list's: it has no keys


def parse_yaml(text: str, file: str) -> Parsed:
    """Parse one YAML document into plain data with located problems; the positions of
    its keys and values are found when a diagnostic first asks for one (a clean file
    never pays for them: 300,000 positions of a 10,000-argument file took 70 MB)."""
    parsed = _parse(text, file, record=False)
    parsed.source_map = _LazyYamlMap(file, text)
    if "#" in text and isinstance(parsed.data, dict):
        parsed.diagnostics.extend(_cut_by_comments(text, file, parsed.data))
    return parsed


_CUT: Final = re.compile(
    r"^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*):[ \t]+"
    r"([^\s'\"#|>&*!\[{@`%](?:[^\n#]|(?<![ \t])#)*?)[ \t]+(#\S[^\n]*?)[ \t]*$",
    re.MULTILINE,
)
"""'name: some text #more': a plain value followed on its line by a '#' and no space,
which YAML reads as a comment (the value ends before it)."""


_NOT_TEXT: Final = re.compile(
    r"[-+]?(?:[0-9][0-9_.,eE+-]*|\.inf|\.nan)|true|false|yes|no|null|~", re.IGNORECASE
)
"""Values the model reads as numbers, truth values or nothing: not text to cut."""


_GLUED: Final = re.compile(
    r"""^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*):[ \t]+("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*')"""
    r"(#[^\n]*?)[ \t]*$",
    re.MULTILINE,
)
"""'name: "some text"#more': a quoted value followed at once by a '#', which YAML reads
as a comment (and argmap fmt could not keep as one)."""


def _cut_by_comments(text: str, file: str, data: dict[str, Any]) -> list[Diagnostic]:
    """W312 for each text value that a '#' cut short: '#1' or '#tag' after a plain text
    is seldom meant as a comment, and '#…' right after a closing quote is a comment YAML
    allows only by leniency. Checked against the data, so that lines inside block text
    (which hold no comments) are never reported."""
    found = list(_CUT.finditer(text)) if " #" in text else []
    glued = list(_GLUED.finditer(text))
    if not found and not glued:
        return []
    texts: set[str] = set()
    stack: list[Any] = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            texts.add(item)
    problems = []

    def cut(match: re.Match[str], message: str, hint: str) -> None:
        line = text.count("\n", 0, match.start()) + 1
        column = match.start(3) - match.start() + 1
        problems.append(Diagnostic("W312", message, Location(file, line, column), hint))

    for match in found:
        key, value = match.group(1), match.group(2)
        if value not in texts or _NOT_TEXT.fullmatch(value):
            continue
        rest = re.split(r"[ \t]+#(?:[ \t]|$)", match.group(3), maxsplit=1)[0]
        cut(
            match,
            f"the value of '{key}' ends before '{rest}': in YAML ' #' starts a comment, so the "
            "rest of the line is left out",
            f"put the whole text in quotes (write {key}: {_quoted(f'{value} {rest}')})",
        )
    for match in glued:
        key, quoted, rest = match.group(1), match.group(2), match.group(3)
        value = _unquoted(quoted)
        if value in texts:
            cut(
                match,
                f"the value of '{key}' ends at its closing quote: '{rest}' right after it is "
                "read as a comment, so it is left out",
                f"if it belongs to the text, put it inside the quotes (write {key}: "
                f"{_quoted(value + rest)}); if it is a comment, put a space before '#'",
            )
    return problems


def _unquoted(quoted: str) -> str:
    """A quoted scalar's text (the escapes a one-line value uses)."""
    if quoted.startswith("'"):
        return quoted[1:-1].replace("''", "'")
    try:
        return str(yaml.safe_load(quoted))
    except yaml.YAMLError:
        return quoted[1:-1]


@dataclass(frozen=True)
class Comment:
    """A comment of a YAML text: where its '#' is, its text, and whether it is glued to
    the value before it (no space between)."""

    line: int
    column: int
    text: str
    glued: bool


def comments(text: str) -> list[Comment]:
    """Every comment of a YAML text ('#' to the end of its line, outside any token), in
    order, found by the YAML scanner (libyaml's when PyYAML has it)."""
    if "#" not in text:
        return []
    loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    spans = [
        (token.start_mark.index, token.end_mark.index)
        for token in yaml.scan(text, Loader=loader)
        if token.end_mark.index > token.start_mark.index
    ]
    found: list[Comment] = []
    at, span = text.find("#"), 0
    while at != -1:
        while span < len(spans) and spans[span][1] <= at:
            span += 1
        if span < len(spans) and spans[span][0] <= at:  # inside a value: not a comment
            at = text.find("#", spans[span][1])
            continue
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        start = text.rfind("\n", 0, at) + 1
        glued = at > start and not text[at - 1].isspace()
        line = text.count("\n", 0, at) + 1
        found.append(Comment(line, at - start + 1, text[at:end].rstrip("\r \t"), glued))
        at = text.find("#", end)
    return found


def parse_located(text: str, file: str) -> Parsed:
    """Parse one YAML document with the position of every key and value recorded at
    once (for an editor, which asks for many)."""
    return _parse(text, file, record=True)


class _LazyYamlMap(SourceMap):
    """Positions in a YAML text, recorded by a second parse on the first lookup."""

    def __init__(self, file: str, text: str) -> None:
        super().__init__(file)
        self._text: str | None = text

    def _load(self) -> None:
        if self._text is not None:
            found = _parse(self._text, self.file, record=True).source_map
            self.values, self.keys, self._text = found.values, found.keys, None

    def value_position(self, path: DataPath) -> tuple[int, int] | None:
        self._load()
        return super().value_position(path)

    def key_position(self, path: DataPath) -> tuple[int, int] | None:
        self._load()
        return super().key_position(path)


def _parse(text: str, file: str, *, record: bool) -> Parsed:
    """Plain data and problems, and with ``record`` the position of every key and value."""
    values: Positions = {}
    keys: Positions = {}
    diagnostics: list[Diagnostic] = []
    source_map = SourceMap(file, values, keys)

    def problem(code: str, line: int, column: int, message: str, hint: str | None = None) -> None:
        diagnostics.append(Diagnostic(code, message, Location(file, line, column), hint))

    loader = _Loader(text)
    stack: list[_Frame] = []
    root: Any = None
    anchors: dict[str, Any] = {}
    unsaid: list[DataPath] = []  # where aliased lists and mappings were left out
    documents = 0
    try:
        while True:
            event: Any = loader.get_event()
            kind = type(event)
            if (
                kind is yaml.ScalarEvent
                and stack
                and not record
                and event.anchor is None
                and event.tag is None
            ):  # the common case, kept short: a plain value or key inside a container
                value: Any = event.value
                if event.implicit[0] and value in _NULLS:
                    value = None
                frame = stack[-1]
                container = frame.container
                if type(container) is list:
                    container.append(value)
                    continue
                if frame.key is not _NO_KEY:
                    if not frame.skip:
                        container[frame.key] = value
                    frame.key, frame.skip = _NO_KEY, False
                    continue
                if type(value) is str and value not in container:
                    frame.key, frame.skip = value, False
                    frame.marks[value] = event.start_mark  # for a duplicate's message
                    continue
            if kind is yaml.ScalarEvent or kind is yaml.AliasEvent:
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                aliased = False
                if kind is yaml.AliasEvent:
                    # Refused, and never expanded (a few aliases of aliases make billions
                    # of values): a scalar is read as its text, a list or mapping as
                    # nothing, and what the model says of that place is left unsaid.
                    problem(
                        "E007",
                        *pos,
                        f"alias '*{event.anchor}' is not allowed in a debate file",
                        "write the value out in full; anchors and aliases hide repeated text",
                    )
                    value = anchors.get(event.anchor)
                    if isinstance(value, dict | list):
                        value, aliased = None, True
                else:
                    value = event.value
                    if event.implicit[0] and value in _NULLS:
                        value = None
                    if event.anchor is not None or event.tag is not None:
                        _check_properties(event, pos, problem)
                    if event.anchor is not None:
                        anchors[event.anchor] = value
                if not stack:
                    root = value
                    values[()] = pos
                    continue
                frame = stack[-1]
                container = frame.container
                if type(container) is list:
                    if record or aliased:
                        path = (*frame.path, len(container))
                        values[path] = pos
                    container.append(value)
                elif frame.key is _NO_KEY:
                    if aliased:  # reported as an alias: skip the pair
                        frame.key, frame.skip, frame.key_mark = None, True, pos
                        continue
                    _take_key(frame, value, pos, keys if record else None, problem)
                else:
                    if record or aliased:
                        path = (*frame.path, frame.key)
                    _put(frame, value, pos, values if record else None)
                if aliased:
                    unsaid.append(path)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                if event.anchor is not None or event.tag is not None:
                    _check_properties(event, pos, problem)
                if len(stack) >= MAX_DEPTH:
                    problem(
                        "E010",
                        *pos,
                        f"the data is nested more than {MAX_DEPTH} levels deep",
                        _DEPTH_HINT,
                    )
                    return Parsed(None, source_map, diagnostics)
                new: dict[Any, Any] | list[Any] = {} if kind is yaml.MappingStartEvent else []
                if not stack:
                    root = new
                    path = ()
                    values[()] = pos
                else:
                    frame = stack[-1]
                    if type(frame.container) is list:
                        path = (*frame.path, len(frame.container))
                        frame.container.append(new)
                        if record:
                            values[path] = pos
                    elif frame.key is _NO_KEY:
                        problem(
                            "E012",
                            *pos,
                            "a mapping key must be plain text, not a list or mapping",
                            "write keys as 'name: value'",
                        )
                        frame.key, frame.skip, frame.key_mark = None, True, pos
                        path = ("<key>",)
                    else:
                        path = (*frame.path, frame.key)
                        _put(frame, new, pos, values if record else None)
                if event.anchor is not None:
                    anchors[event.anchor] = new
                child = _Frame(new, path)
                if type(new) is dict:
                    child.key = _NO_KEY
                stack.append(child)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    problem(
                        "E009",
                        mark.line + 1,
                        mark.column + 1,
                        "a debate file holds one YAML document; a second one starts here",
                        "put each debate in its own file, or remove the '---' line",
                    )
                    break
            elif kind is yaml.StreamEndEvent:
                break
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = exc.problem or "the YAML cannot be parsed"
        if exc.context:
            message = f"{message} ({exc.context})"
        if "maximum nesting depth" in message:  # libyaml's own limit, met while scanning ahead
            problem(
                "E010",
                line,
                column,
                f"the data is nested more than {MAX_DEPTH} levels deep",
                _DEPTH_HINT,
            )
        else:
            slip = beginners_slip(text, line, message)
            if slip is not None:
                line, column, said = slip
                problem("E004", line, column, message, said)
            else:
                problem("E004", line, column, message, _hint_for(message))
        return Parsed(None, source_map, diagnostics)
    except yaml.reader.ReaderError as exc:
        offset = len(text.encode("utf-8")[: exc.position].decode("utf-8", "replace"))
        loc = location_of_offset(text, offset, file)
        message = f"unacceptable character U+{exc.character:04X}: {exc.reason}"
        diagnostics.append(Diagnostic("E004", message, loc, _hint_for(exc.reason)))
        return Parsed(None, source_map, diagnostics)
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports everything above
        problem("E004", 1, 1, f"the YAML cannot be parsed: {exc}")
        return Parsed(None, source_map, diagnostics)
    return Parsed(root, source_map, diagnostics, unsaid)


def _check_properties(event: Any, pos: tuple[int, int], problem: Any) -> None:
    if event.anchor is not None:
        problem(
            "E007",
            *pos,
            f"anchor '&{event.anchor}' is not allowed in a debate file",
            "write the value out in full; anchors and aliases hide repeated text",
        )
    if event.tag is not None:
        problem(
            "E008",
            *pos,
            f"explicit YAML tag '{event.tag}' is not allowed",
            "remove the tag; argmap reads each field's value as the type the field needs",
        )


def _take_key(
    frame: _Frame, key: Any, pos: tuple[int, int], keys: Positions | None, problem: Any
) -> None:
    container = frame.container
    assert type(container) is dict
    frame.key_mark = pos
    if not isinstance(key, str):
        problem(
            "E012",
            *pos,
            "a mapping key is missing (an empty key or 'null')",
            "write keys as 'name: value'",
        )
        frame.key, frame.skip = None, True
        return
    if key in container:
        first = _position(frame.marks[key])
        problem(
            "E006",
            *pos,
            f"duplicate key '{key}': it is already set at line {first[0]}:{first[1]}",
            "YAML keeps only one of the two values; delete or merge one of them",
        )
        frame.key, frame.skip = None, True
        return
    frame.key, frame.skip = key, False
    frame.marks[key] = pos
    if keys is not None:
        keys[(*frame.path, key)] = pos


def _position(mark: Any) -> tuple[int, int]:
    """A line and column, from a position or from one of libyaml's marks."""
    if isinstance(mark, tuple):
        return mark
    return mark.line + 1, mark.column + 1


def _put(frame: _Frame, value: Any, pos: tuple[int, int], values: Positions | None) -> None:
    if not frame.skip:
        frame.container[frame.key] = value
        if values is not None:
            values[(*frame.path, frame.key)] = pos
    frame.key, frame.skip = _NO_KEY, False


_KEY_VALUE: Final = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w-]*):(?:\s+(.*?))?\s*$")
_DASH_GLUED: Final = re.compile(r"^(\s*)-([A-Za-z_\"'\[])")
_COLON_GLUED: Final = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w-]*):([^\s/:])")
_APOSTROPHE: Final = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*):\s+'[^']*'[^\s#,\]}]")


def beginners_slip(text: str, line: int, message: str) -> tuple[int, int, str] | None:
    """The slip a beginner most likely made, when the lines around a YAML error show
    one: (line, column, hint) pointing at the cause, which may be the line above the
    one the parser stopped at; None when the parser's own words are the best guess."""
    lines = text.splitlines()
    if not 0 < line <= len(lines) + 1:
        return None
    here = lines[line - 1] if line <= len(lines) else ""  # the end of the file
    above_no = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip()), None)
    above = lines[above_no - 1] if above_no else ""
    for number, candidate in ((above_no, above), (line, here)):
        if number is None:
            continue
        glued = _DASH_GLUED.match(candidate)
        if glued:
            return (
                number,
                len(glued.group(1)) + 1,
                "put a space after the '-': a list item starts with '- '",
            )
        colon = _COLON_GLUED.match(candidate)
        if colon and not candidate.lstrip().startswith(("http", "#")):
            key = colon.group(2)
            return (
                number,
                candidate.index(":") + 2,
                f"put a space after the ':' of '{key}' (write '{key}: {colon.group(3)}…')",
            )
    quoted = _APOSTROPHE.match(here)
    if quoted:
        return (
            line,
            here.index("'") + 1,
            "an apostrophe inside single quotes ends the text: write it twice (It''s) or "
            "use double quotes",
        )
    if "expected ',' or ']'" in message:
        opened = next(
            (n for n in range(line - 1, 0, -1) if "[" in lines[n - 1] and "]" not in lines[n - 1]),
            None,
        )
        if opened is not None:
            return (
                opened,
                lines[opened - 1].index("[") + 1,
                "this list opened with '[' is not closed: end it with ']' on the same line, "
                "or write one item per line starting '- '",
            )
    start = _KEY_VALUE.match(here)
    if start and start.group(3) and line <= len(lines):
        said = _value_start_slip(start.group(2), start.group(3))
        if said is not None:
            return line, start.start(3) + 1, said
    if "could not find expected ':'" in message and above_no is not None:
        said_at = _keyless_line(lines, above_no)
        if said_at is not None:
            return (above_no, *said_at)
    if "mapping values are not allowed" in message:
        mine, theirs = _KEY_VALUE.match(here), _KEY_VALUE.match(above)
        if (
            mine
            and theirs
            and above_no is not None
            and mine.start(2) > theirs.start(2)  # keys, after any '- '
            and theirs.group(3)
            and theirs.group(3)[0] not in "|>"
        ):
            key = theirs.group(2)
            return (
                line,
                mine.start(2) + 1,
                f"this line is indented more than '{key}:' above it, so it reads as part of "
                f"that value: line it up with '{key}:'",
            )
        if mine and mine.group(3) and ": " in mine.group(3):
            key = mine.group(2)
            return (
                line,
                here.index(mine.group(3)) + 1,
                f"the value of '{key}' holds ': ': put the text in quotes "
                f'(write {key}: "{mine.group(3)}")',
            )
    return None


def _quoted(value: str) -> str:
    """``value`` as a quoted YAML scalar that reads back as itself."""
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _value_start_slip(key: str, value: str) -> str | None:
    """The hint for a value whose first character means something else to YAML."""
    first = value[0]
    write = f"put the text in quotes (write {key}: {_quoted(value)})"
    if first in "@`":
        return f"a value cannot start with '{first}' in YAML: {write}"
    if first in "*&!":
        what = {"*": "an alias", "&": "an anchor", "!": "a tag"}[first]
        return f"'{first}' at the start of a value marks {what} in YAML: {write}"
    if first in "[{" and not value.rstrip().endswith("]}"["[{".index(first)]):
        what = "a list" if first == "[" else "a mapping"
        return f"a value that starts with '{first}' is read as {what}: {write}"
    if first in "\"'":
        end = value.find(first, 1)
        while first == "'" and end != -1 and value[end + 1 : end + 2] == "'":
            end = value.find(first, end + 2)  # '' is an apostrophe inside single quotes
        rest = value[end + 1 :].strip() if end != -1 else ""
        if rest and not rest.startswith("#"):
            return (
                f"the quotes close before the end of the value, at {value[: end + 1]}: "
                f"put the whole of it in quotes (write {key}: {_quoted(value)})"
            )
    if first in "|>":
        rest = value[1:].lstrip("+-0123456789").strip()
        if rest and not rest.startswith("#"):
            return (
                f"'{first}' at the start of a value begins a block of text on the lines "
                f"below: {write}"
            )
    return None


def _keyless_line(lines: list[str], number: int) -> tuple[int, str] | None:
    """(column, hint) for line ``number`` when it holds no 'name:' inside a mapping: a
    field written with '=', the next line of a text, or block text not indented."""
    text = lines[number - 1]
    body = text.lstrip()
    if not body or body.startswith(("-", "#")) or _KEY_VALUE.match(text):
        return None
    indent = len(text) - len(body)
    if "=" in body:
        name, _, value = body.partition("=")
        if _KEY_VALUE.match(f"{name.strip()}:"):
            return (
                indent + len(name.rstrip()) + 1,
                f"a field is written 'name: value', with a colon: write "
                f"'{name.strip()}: {value.strip()}'",
            )
    before = next((n for n in range(number - 1, 0, -1) if lines[n - 1].strip()), None)
    field = _KEY_VALUE.match(lines[before - 1]) if before is not None else None
    if field is None or not field.group(3) or field.start(2) != indent:
        return None
    key, value = field.group(2), field.group(3)
    if value[0] in "|>":
        return (
            indent + 1,
            f"the text after '{key}: {value}' must be indented more than '{key}:'",
        )
    return (
        indent + 1,
        f"this line has no 'name:', so it cannot start a field; if it goes on with the "
        f"text of '{key}' above, indent it more than '{key}:'",
    )


def _hint_for(message: str) -> str | None:
    for needle, hint in _HINTS:
        if needle in message:
            return hint
    return None


try:  # libyaml's emitter writes the same text as the pure one, several times faster
    _SafeDumper: type[yaml.SafeDumper] = yaml.CSafeDumper  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _SafeDumper = yaml.SafeDumper


_STR: Final = "tag:yaml.org,2002:str"
_SCALARS: Final[dict[type, Callable[[Any], tuple[str, str]]]] = {
    bool: lambda data: ("tag:yaml.org,2002:bool", "true" if data else "false"),
    int: lambda data: ("tag:yaml.org,2002:int", str(data)),
    type(None): lambda data: ("tag:yaml.org,2002:null", "null"),
}


_RESOLVED_FIRST: Final = (
    frozenset(_SafeDumper.yaml_implicit_resolvers)
    if None not in _SafeDumper.yaml_implicit_resolvers and not _SafeDumper.yaml_path_resolvers
    else None  # a resolver that looks at every scalar: always PyYAML's way
)
"""First characters of scalars an implicit resolver may read as other than text (``''``
for the empty scalar); None when any scalar may be."""


class _Dumper(_SafeDumper):  # type: ignore[valid-type,misc]
    """A safe dumper that never writes anchors or aliases (argmap refuses them).

    The nodes of plain data (dicts, lists, text, numbers) are made here, without
    PyYAML's look-up of a representer by type and its record of every object seen for
    aliases, which this dumper never writes: the same nodes and the same text (tested
    against PyYAML's own), with the cycle collector paused, in less than half the time
    for a large debate. Anything else goes PyYAML's way."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def represent_data(self, data: Any) -> yaml.Node:
        kind = type(data)
        if kind is str:
            return _str_node(data)
        if kind is dict and not self.sort_keys:
            return yaml.MappingNode(
                "tag:yaml.org,2002:map",
                [(self.represent_data(k), self.represent_data(v)) for k, v in data.items()],
                flow_style=False,
            )
        if kind is list:
            return yaml.SequenceNode(
                "tag:yaml.org,2002:seq", [self.represent_data(v) for v in data], flow_style=False
            )
        scalar = _SCALARS.get(kind)
        if scalar is not None:
            tag, value = scalar(data)
            return yaml.ScalarNode(tag, value)
        node: yaml.Node = super().represent_data(data)
        return node  # floats, dates, tuples, …: PyYAML's way

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """The tag a scalar would be read with (libyaml's emitter asks twice for each):
        text whose first character no implicit resolver looks at is plain text at once."""
        if (
            kind is yaml.ScalarNode
            and _RESOLVED_FIRST is not None
            and (not implicit[0] or value[:1] not in _RESOLVED_FIRST)
        ):
            return _STR
        return super().resolve(kind, value, implicit)


def _str_node(data: str) -> yaml.ScalarNode:
    """Multi-line text as a block; anything a plain or single-quoted scalar would fold or
    normalise (line separators, control characters) double-quoted, where it is escaped."""
    # every character printable or a line feed (the YAML line breaks U+0085, U+2028,
    # U+2029 and the BOM are never printable): checked in C, not character by character
    if data.isprintable() or data.replace("\n", "").isprintable():
        block = "\n" in data and data == data.strip() + "\n"
        style = "|" if block else None
    else:
        style = '"'
    return yaml.ScalarNode(_STR, data, style=style)


_YAML_BREAKS: Final = frozenset("\x85\u2028\u2029\ufeff")
"""Characters a plain or single-quoted YAML scalar would fold (none of them printable)."""


def dump_yaml(data: Any) -> str:
    """YAML text for plain data, in the order given; reads back to equal data."""
    with collector_paused():  # hundreds of thousands of nodes, none in a cycle
        return yaml.dump(
            data,
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            width=88,
            default_flow_style=False,
        )
