"""Reading debate files: bytes → text → plain data with positions → the model.

Each step reports what it finds as located diagnostics and goes as far as it can, so a
file with several problems gets all of them at once. Nothing here raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from pydantic import ValidationError

from argmap.diagnostics import Diagnostic, Location
from argmap.io.files import InputFile, NotAFileError, TooLargeError, read_file
from argmap.io.source_map import MAX_FILE_BYTES, DataPath, Parsed, SourceMap, location_of_offset
from argmap.io.yaml_source import dump_yaml, parse_located, parse_yaml
from argmap.model import ELEMENT_LISTS, ELEMENT_MODELS, Debate

if TYPE_CHECKING:
    from argmap.io.formats.common import Imported

Format: TypeAlias = Literal["yaml", "json"]
SUFFIXES: Final[dict[str, Format]] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


@dataclass
class Loaded:
    """The outcome of reading one file: the debate if it is well-formed, and what was found.

    When the schema is violated, ``debate`` is None but ``elements`` still holds every
    element that is valid on its own, so the structural checks can run on them too.
    """

    file: str
    debate: Debate | None = None
    elements: dict[str, list[tuple[int, Any]]] = field(default_factory=dict)
    broken_ids: list[tuple[str, DataPath]] = field(default_factory=list)
    source_map: SourceMap | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    criteria: list[str] = field(default_factory=list)
    """The debate's criteria as written (assessments must name them)."""
    date: dt.date | None = None
    """The debate's date, when it is one (no source may postdate it)."""
    unchecked: set[str] = field(default_factory=set)
    """Ids defined under a misspelt list name: references to them are not reported."""
    header: dict[str, Any] = field(default_factory=dict)
    """The debate's fields but its element lists, as written (for the checks of
    ``recommends`` and of the brief's fields)."""
    reader: str = "yaml"
    """Which format the text was read as: yaml, json, aif, kialo, argdown or microtext."""
    input: InputFile | None = None
    """The file it was read from, when it was read from one."""
    text: str = ""
    """The text that was read (``fmt`` compares its output with it)."""
    data: Any = None
    """The plain data argmap's own YAML or JSON held, as parsed (an editor's symbols)."""


def input_of(debate: Debate) -> tuple[InputFile, ...]:
    """The file a debate was read from, if it was read from one, and its sources' files
    that were read to check its quotes: no output may replace them."""
    source = debate._input
    read = (source,) if isinstance(source, InputFile) else ()
    quotes = debate._quotes
    return (*read, *getattr(quotes, "inputs", ()))


def format_for(name: str, text: str) -> Format:
    """The format of a file, from its suffix, else from its first character."""
    suffix = Path(name).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    return "json" if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") else "yaml"


def read_path(path: str | os.PathLike[str]) -> Loaded:
    """Read, parse and validate a debate file; never raises on bad content.

    Only a regular file is read: a folder, a named pipe or a device is refused at once.
    """
    name = os.fspath(path)
    try:
        data, source = read_file(name, MAX_FILE_BYTES)
    except TooLargeError as exc:
        return _failed(
            name,
            "E002",
            f"the file is {exc.size:,} bytes; argmap reads debate files of "
            f"up to {MAX_FILE_BYTES:,} bytes",
            "split the debate into several files",
        )
    except NotAFileError as exc:
        return _failed(
            name,
            "E001",
            f"cannot read it: it is {exc.kind}, not a regular file",
            "give the path of a debate file (.yaml, .yml or .json)",
        )
    except OSError as exc:
        return _failed(
            name,
            "E001",
            f"cannot read the file: {exc.strerror or exc}",
            "check the path and the file's permissions",
        )
    loaded = read_bytes(data, name)
    loaded.input = source
    if loaded.debate is not None:
        loaded.debate._input = source
    return loaded


def read_bytes(data: bytes, name: str) -> Loaded:
    """Decode, parse and validate a debate file's bytes (``name`` tells the format by its
    suffix, and locates diagnostics); never raises on bad content."""
    if len(data) > MAX_FILE_BYTES:
        return _failed(
            name,
            "E002",
            f"the file is {len(data):,} bytes; argmap reads debate files of "
            f"up to {MAX_FILE_BYTES:,} bytes",
            "split the debate into several files",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        loc = location_of_offset(good, len(good), name)
        return _failed(
            name,
            "E003",
            f"byte 0x{data[exc.start]:02X} is not valid UTF-8",
            "save the file as UTF-8 text",
            loc,
        )
    return read_text(text, format_for(name, text), name)


def read_text(text: str, fmt: Format, name: str = "<string>", *, located: bool = False) -> Loaded:
    """Parse and validate debate text in the given format; AIF JSON, Kialo text, Argdown
    and Argumentative Microtexts XML are recognised by their content and imported.
    ``located`` records every position of a YAML text at once (an editor asks for many;
    ``check`` records them only when a diagnostic asks)."""
    loaded = _read_text(text.removeprefix("\ufeff"), fmt, name, located)
    loaded.text = text
    return loaded


def _read_text(text: str, fmt: Format, name: str, located: bool = False) -> Loaded:
    from argmap.io.formats.sniff import is_argdown, is_kialo, is_microtext

    if is_kialo(text):
        from argmap.io.formats.kialo import load_kialo

        return _imported(load_kialo(text, name), name, "kialo")
    if is_microtext(text):
        from argmap.io.formats.microtexts import load_microtext

        return _imported(load_microtext(text, name), name, "microtext")
    if is_argdown(text, name):
        from argmap.io.formats.argdown import load_argdown

        return _imported(load_argdown(text, name), name, "argdown")
    if fmt == "yaml":
        parsed: Parsed = parse_located(text, name) if located else parse_yaml(text, name)
    else:
        from argmap.io.json_source import parse_json  # only JSON files pay for it

        parsed = parse_json(text, name)
        from argmap.io.formats.aif import is_aif, load_aif

        if is_aif(parsed.data):
            title = Path(name).name.split(".")[0] or "AIF map"
            aif = load_aif(parsed.data, parsed.source_map, title)
            aif.problems[:0] = parsed.diagnostics
            return _imported(aif, name, "aif")
    loaded = Loaded(
        name,
        source_map=parsed.source_map,
        diagnostics=list(parsed.diagnostics),
        reader=fmt,
        data=parsed.data,
    )
    raw = parsed.data
    if any(d.severity == "error" for d in parsed.diagnostics) and not isinstance(raw, dict):
        return loaded
    if not isinstance(raw, dict):
        if raw is None:
            message = "the file is empty"
        else:
            what = "a list" if isinstance(raw, list) else "a single value"
            message = f"a debate file is a mapping of fields, not {what}"
        hint = "a debate starts 'argmap: 1', then 'id:', 'title:' and 'question:' lines"
        loaded.diagnostics.append(Diagnostic("E013", message, parsed.source_map.value(()), hint))
        return loaded
    _criteria(loaded, raw)
    try:
        debate = Debate.model_validate(raw)
    except ValidationError as exc:
        from argmap.io.model_errors import translate  # only invalid files pay for it

        if fmt == "json":
            from argmap.io.json_source import scan, too_deep

            if too_deep(raw):  # say where, instead of what the model makes of it
                loaded.diagnostics.extend(scan(text, name).diagnostics)
                return loaded

        loaded.diagnostics.extend(translate(exc, raw, parsed.source_map, skip=parsed.unsaid))
        _salvage(loaded, raw)
        _fold_misnamed_lists(loaded, raw)
        return loaded
    debate._origin = parsed.source_map
    loaded.debate = debate
    loaded.elements = {name: list(enumerate(getattr(debate, name))) for name in ELEMENT_LISTS}
    return loaded


def _imported(result: Imported, name: str, reader: str) -> Loaded:
    """A debate read from another tool's text format (already turned into plain data)."""
    source_map = SourceMap(name, result.positions)
    loaded = Loaded(name, source_map=source_map, diagnostics=list(result.problems), reader=reader)
    _criteria(loaded, result.raw)
    if any(d.severity == "error" for d in result.problems):
        return loaded
    try:
        debate = Debate.model_validate(result.raw)
    except ValidationError as exc:
        from argmap.io.model_errors import translate

        loaded.diagnostics.extend(translate(exc, result.raw, source_map))
        return loaded
    debate._origin = source_map
    loaded.debate = debate
    loaded.elements = {n: list(enumerate(getattr(debate, n))) for n in ELEMENT_LISTS}
    return loaded


def _criteria(loaded: Loaded, raw: dict[str, Any]) -> None:
    """The debate's criteria as written (which assessments must name) and its date."""
    criteria = raw.get("criteria")
    criteria = [criteria] if isinstance(criteria, str) else criteria
    if isinstance(criteria, list):
        loaded.criteria = [c for c in criteria if isinstance(c, str)]
    loaded.header = {k: v for k, v in raw.items() if k not in ELEMENT_LISTS}
    date = raw.get("date")
    try:
        loaded.date = date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date))
    except ValueError:
        loaded.date = None  # not a date: the model says so


_REFERENCING: Final = ("supports", "attacks", "undercuts", "linked_with", "by")


def _fold_misnamed_lists(loaded: Loaded, raw: dict[str, Any]) -> None:
    """A list of elements under a misspelt name (``options:`` for ``positions:``) is one
    mistake, not one per reference to its elements: their ids are taken as defined (so
    no reference to them is reported unknown), and the unknown-field error says how many
    references that leaves unchecked."""
    for n, found in enumerate(loaded.diagnostics):
        key = found.path
        if found.code != "E101" or not isinstance(key, str) or key not in raw or "." in key:
            continue
        items = raw[key]
        if not isinstance(items, list):
            continue
        ids = {i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str)}
        if not ids:
            continue
        loaded.unchecked.update(ids)
        count = _references_to(raw, ids)
        if count:
            said = f"{count:,} reference{'s' if count != 1 else ''} to ids defined under "
            said += f"'{key}' {'is' if count == 1 else 'are'} not checked"
            joint = " " if (found.hint or "").endswith("?") else "; "
            hint = f"{found.hint}{joint}{said}" if found.hint else said
            loaded.diagnostics[n] = replace(found, hint=hint)


def _references_to(raw: dict[str, Any], ids: set[str]) -> int:
    """How many references in ``raw``'s arguments and actors name one of ``ids``."""
    count = 0
    for arg in raw.get("arguments") or ():
        if not isinstance(arg, dict):
            continue
        for field_ in _REFERENCING:
            value = arg.get(field_)
            refs = [value] if isinstance(value, str) else value if isinstance(value, list) else []
            if isinstance(value, dict):  # linked_with per target
                refs = [*value, *(r for v in value.values() if isinstance(v, list) for r in v)]
            count += sum(1 for r in refs if isinstance(r, str) and r in ids)
    for actor in raw.get("actors") or ():
        if isinstance(actor, dict):
            for field_ in ("stances", "weights"):
                table = actor.get(field_)
                if isinstance(table, dict):
                    count += sum(1 for k in table if k in ids)
            count += actor.get("part_of") in ids
    return count


def _salvage(loaded: Loaded, raw: dict[str, Any]) -> None:
    """Keep every element that is valid on its own, and the ids of those that are not."""
    for name in ELEMENT_LISTS:
        items = raw.get(name)
        kept: list[tuple[int, Any]] = []
        if isinstance(items, list):
            model = ELEMENT_MODELS[name]
            for index, item in enumerate(items):
                try:
                    kept.append((index, model.model_validate(item)))
                except ValidationError:
                    ident = item.get("id") if isinstance(item, dict) else None
                    if isinstance(ident, str):
                        loaded.broken_ids.append((ident, (name, index)))
        loaded.elements[name] = kept


def _failed(name: str, code: str, message: str, hint: str, loc: Location | None = None) -> Loaded:
    return Loaded(name, diagnostics=[Diagnostic(code, message, loc or Location(name, 1, 1), hint)])


def canonical_data(debate: Debate) -> dict[str, Any]:
    """The debate as plain data in canonical field order, defaults left out."""
    data = debate.model_dump(mode="json", exclude_defaults=True)
    return {"argmap": data.pop("argmap", 1), **data}


def dump_debate(debate: Debate, fmt: Format = "yaml") -> str:
    """The debate as YAML or JSON text in canonical field order, defaults left out."""
    data = canonical_data(debate)
    if fmt == "json":
        import json

        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return dump_yaml(data)
