"""JSON in, with the same guarantees and positions as YAML.

The standard library's C decoder reads the file first. When it finds nothing wrong (no
duplicate keys, no ``NaN``/``Infinity``), positions are found only if a diagnostic asks
for one, by walking the containers on its path. Otherwise, or when the data nests too
deep, a positional scanner re-reads the text to say exactly where each problem is.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any, Final

from argmap.diagnostics import Diagnostic, Location
from argmap.io.source_map import (
    MAX_DEPTH,
    DataPath,
    LineIndex,
    Parsed,
    Positions,
    SourceMap,
    location_of_offset,
)

_TOKEN: Final = re.compile(
    r"""[ \t\n\r]*(?:
      (?P<punct>[{}\[\]:,])
    | (?P<string>")
    | (?P<number>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)
    | (?P<literal>true|false|null)
    | (?P<constant>NaN|-?Infinity)
    | (?P<end>$)
    | (?P<other>.)
    )""",
    re.VERBOSE | re.DOTALL,
)


_LEFT_OUT: Final = object()
_INFINITIES: Final = (float("inf"), float("-inf"))


MAX_DIGITS: Final = 64
"""The longest integer a debate file may write; longer ones are reported, not converted
(Python refuses to convert more than 4,300 digits, and slowly)."""


class _Flags:
    duplicate = False
    constant = False
    huge = False


def parse_json(text: str, file: str) -> Parsed:
    """Parse JSON into plain data; positions are found when asked for, problems located."""
    flags = _Flags()

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):
            flags.duplicate = True
        return result

    def constant(name: str) -> float:
        flags.constant = True
        return float(name)

    def integer(digits: str) -> int:
        if len(digits) > MAX_DIGITS:
            flags.huge = True
            return 0
        return int(digits)

    def real(digits: str) -> float:
        value = float(digits)
        if value in _INFINITIES:  # 1e400: too large for a float
            flags.huge = True
        return value

    try:
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_constant=constant,
            parse_int=integer,
            parse_float=real,
        )
    except json.JSONDecodeError as exc:
        loc = location_of_offset(text, exc.pos, file)
        return Parsed(None, SourceMap(file), [_syntax(exc.msg, loc)])
    except RecursionError:
        return scan(text, file)
    if flags.duplicate or flags.constant or flags.huge:
        return scan(text, file)
    return Parsed(data, _LazyJsonMap(file, text))


def _number(token: str) -> Any:
    """A JSON number token's value, or ``_LEFT_OUT`` when it is too large to hold."""
    if any(c in token for c in ".eE"):
        value = float(token)
        return _LEFT_OUT if value in _INFINITIES else value
    return _LEFT_OUT if len(token.lstrip("-")) > MAX_DIGITS else int(token)


def _shown(token: str) -> str:
    """A number as a message shows it: a long one by its start and its length."""
    return token if len(token) <= 24 else f"{token[:12]}… ({len(token):,} characters)"


def too_deep(data: Any) -> bool:
    """Whether parsed data nests deeper than :data:`MAX_DEPTH` (then :func:`scan` says where).

    A debate that validates is at most five levels deep, so callers only ask this of data
    the model rejected.
    """
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _syntax(message: str, loc: Location) -> Diagnostic:
    hint = None
    if "Expecting property name" in message:
        hint = "JSON keys are in double quotes, and a trailing comma is not allowed"
    elif "delimiter" in message:
        hint = "a ',' or closing bracket is missing before this point"
    return Diagnostic("E005", message, loc, hint)


_SPACE: Final = re.compile(r"[ \t\n\r]*")


class _LazyJsonMap(SourceMap):
    """Positions in well-formed JSON, found on demand.

    Walking down a path, each container passed through is read once for where its
    children start (the C decoder skips over each child), so locating a few diagnostics
    in a large file costs about one fast pass over the containers on their paths.
    """

    def __init__(self, file: str, text: str) -> None:
        super().__init__(file)
        self._text = text
        self._children: dict[int, dict[str | int, tuple[int | None, int]]] = {}
        self._lines: LineIndex | None = None
        self._lookups = 0
        self._decoder = json.JSONDecoder()

    def _where(self, offset: int) -> tuple[int, int]:
        # a few lookups count lines directly; many build an index once
        self._lookups += 1
        if self._lines is None and self._lookups <= 16:
            found = location_of_offset(self._text, offset, "")
            return found.line or 1, found.column or 1
        if self._lines is None:
            self._lines = LineIndex(self._text)
        return self._lines.position(offset)

    def _offsets(self, path: DataPath) -> tuple[int | None, int] | None:
        """(key offset, value offset) of the value at ``path``, or None if not there."""
        text = self._text
        offset = _SPACE.match(text, 0).end()  # type: ignore[union-attr]
        key_offset: int | None = None
        for part in path:
            children = self._children.get(offset)
            if children is None:
                children = self._children[offset] = self._read_container(offset)
            found = children.get(part)
            if found is None:
                return None
            key_offset, offset = found
        return key_offset, offset

    def _read_container(self, offset: int) -> dict[str | int, tuple[int | None, int]]:
        text, space, decode = self._text, _SPACE, self._decoder.raw_decode
        children: dict[str | int, tuple[int | None, int]] = {}
        opener = text[offset]
        if opener not in "{[":
            return children
        pos = space.match(text, offset + 1).end()  # type: ignore[union-attr]
        index = 0
        while text[pos] not in "}]":
            key: str | int = index
            key_offset = None
            if opener == "{":
                key_offset = pos
                key, pos = scanstring(text, pos + 1)
                pos = space.match(text, pos).end()  # type: ignore[union-attr]
                pos = space.match(text, pos + 1).end()  # type: ignore[union-attr]  # past ':'
            children[key] = (key_offset, pos)
            _, pos = decode(text, pos)
            pos = space.match(text, pos).end()  # type: ignore[union-attr]
            if text[pos] == ",":
                pos = space.match(text, pos + 1).end()  # type: ignore[union-attr]
            index += 1
        return children

    def value_position(self, path: DataPath) -> tuple[int, int] | None:
        found = self._offsets(path)
        return None if found is None else self._where(found[1])

    def key_position(self, path: DataPath) -> tuple[int, int] | None:
        found = self._offsets(path)
        return None if found is None or found[0] is None else self._where(found[0])


class _Frame:
    __slots__ = ("container", "key", "path", "state")

    def __init__(self, container: dict[str, Any] | list[Any], path: DataPath) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        # mapping: "key" (want key or '}'), "colon", "value", "comma" (want ',' or '}')
        # list: "value-or-end", "value", "comma"
        self.state = "key" if isinstance(container, dict) else "value-or-end"


def scan(text: str, file: str) -> Parsed:
    """Re-read JSON token by token, recording positions and locating every problem."""
    values: Positions = {}
    keys: Positions = {}
    diagnostics: list[Diagnostic] = []
    unsaid: list[DataPath] = []
    source_map = SourceMap(file, values, keys)
    where = LineIndex(text).position

    def fail(offset: int, message: str) -> Parsed:
        loc = location_of_offset(text, offset, file)
        diagnostics.append(_syntax(message, loc))
        return Parsed(None, source_map, diagnostics)

    def problem(code: str, offset: int, message: str, hint: str) -> None:
        diagnostics.append(Diagnostic(code, message, location_of_offset(text, offset, file), hint))

    stack: list[_Frame] = []
    root: Any = None
    have_root = False
    pos = 0
    while True:
        match = _TOKEN.match(text, pos)
        assert match is not None  # the pattern matches at every offset
        start = match.start(match.lastgroup or "end")
        kind = match.lastgroup
        pos = match.end()
        frame = stack[-1] if stack else None
        if kind == "end":
            if frame is not None or not have_root:
                return fail(start, "Expecting value" if not have_root else "unexpected end of file")
            break
        if frame is None and have_root:
            return fail(start, "Extra data")
        token = match.group(kind) if kind else ""
        if kind == "punct" and token in ":,]}":
            if frame is None:
                return fail(start, "Expecting value")
            if token == ":" and frame.state == "colon":
                frame.state = "value"
            elif token == "," and frame.state == "comma":
                frame.state = "key" if isinstance(frame.container, dict) else "value"
            elif (
                token == "}"
                and isinstance(frame.container, dict)
                and frame.state in ("key", "comma")
            ) or (
                token == "]"
                and isinstance(frame.container, list)
                and frame.state
                in (
                    "value-or-end",
                    "comma",
                )
            ):
                stack.pop()
            else:
                return fail(start, f"unexpected '{token}'")
            continue
        if frame is not None and frame.state == "key":
            if kind != "string":
                return fail(start, "Expecting property name enclosed in double quotes")
            try:
                key, pos = scanstring(text, pos)
            except json.JSONDecodeError as exc:
                return fail(exc.pos, exc.msg)
            assert isinstance(frame.container, dict)
            path = (*frame.path, key)
            if key in frame.container or path in keys:
                first = keys[path]
                problem(
                    "E006",
                    start,
                    f"duplicate key '{key}': it is already set at line {first[0]}:{first[1]}",
                    "JSON readers keep only one of the two values; delete or merge one of them",
                )
                frame.key = None
            else:
                frame.key = key
                keys[path] = where(start)
            frame.state = "colon"
            continue
        if frame is not None and frame.state not in ("value", "value-or-end"):
            return fail(start, "Expecting ',' delimiter")
        # a value
        value: Any
        if kind == "string":
            try:
                value, pos = scanstring(text, pos)
            except json.JSONDecodeError as exc:
                return fail(exc.pos, exc.msg)
        elif kind == "number":
            value = _number(token)
            if value is _LEFT_OUT:
                problem(
                    "E011",
                    start,
                    f"the number {_shown(token)} is too large to hold",
                    "debate files need small numbers: a version, weights from 0 to 1",
                )
        elif kind == "literal":
            value = {"true": True, "false": False, "null": None}[token]
        elif kind == "constant":
            problem(
                "E011",
                start,
                f"'{token}' is not a number JSON allows",
                "JSON has no NaN or Infinity; write a finite number or leave the field out",
            )
            value = _LEFT_OUT
        elif kind == "punct":  # '{' or '['
            if len(stack) >= MAX_DEPTH:
                problem(
                    "E010",
                    start,
                    f"the data is nested more than {MAX_DEPTH} levels deep",
                    "a debate file needs a few levels; check for runaway brackets",
                )
                return Parsed(None, source_map, diagnostics)
            value = {} if token == "{" else []
        else:
            return fail(start, "Expecting value")
        here = where(start)
        left_out = value is _LEFT_OUT
        if left_out:  # reported: read as no value, and what the model says of it unsaid
            value = None
        if frame is None:
            root, have_root, path = value, True, ()
            values[()] = here
        elif isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            values[path] = here
            frame.state = "comma"
        else:
            if frame.key is not None:
                path = (*frame.path, frame.key)
                frame.container[frame.key] = value
                values[path] = here
            else:
                path = (*frame.path, "<duplicate>")
            frame.state = "comma"
        if left_out:
            unsaid.append(path)
        if kind == "punct":
            stack.append(_Frame(value, path))
    return Parsed(root, source_map, diagnostics, unsaid)
