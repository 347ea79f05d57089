"""Pydantic's validation errors, said for people and placed at ``file:line:column``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

from pydantic import ValidationError

from argmap.diagnostics import Diagnostic, closest
from argmap.io.source_map import DataPath, SourceMap, format_path
from argmap.model import _UNSAFE, ELEMENT_MODELS, ELEMENT_NAMES, Debate, Evidence, slugify

_TYPE_NAMES: Final = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping of names to values",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "an ISO date such as 2019-05-22",
}
_DECIMAL_COMMA: Final = re.compile(r"-?[0-9]+,[0-9]+")
"""A number written with a decimal comma (0,8), as in most of Europe."""
_RANGE_TYPES: Final = frozenset(
    {"greater_than_equal", "less_than_equal", "greater_than", "less_than", "finite_number"}
)


def translate(
    error: ValidationError, raw: Any, source_map: SourceMap, *, skip: Iterable[DataPath] = ()
) -> list[Diagnostic]:
    """One located diagnostic per error pydantic found in the debate ``raw``, but for
    errors at or inside the paths in ``skip`` (consequences of a problem reported already)."""
    skipped = set(skip)
    found = []
    for err in error.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if p != "[key]")
        if skipped and any(loc[:n] in skipped for n in range(len(loc) + 1)):
            continue
        found.append(_one(err, raw, source_map))
    return found


def _one(err: Any, raw: Any, source_map: SourceMap) -> Diagnostic:
    loc: DataPath = tuple(p for p in err["loc"] if p != "[key]")
    kind: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    owner = _owner(loc, raw)
    value = err.get("input")
    dotted = format_path(loc)
    is_key = "[key]" in err["loc"]
    if kind in ("string_pattern_mismatch", "string_unicode") and field == "id" and not is_key:
        kind = "invalid_id"  # the slug pattern of model.Id

    def diag(
        code: str, message: str, hint: str | None = None, *, at_key: bool = False
    ) -> Diagnostic:
        where = source_map.key(loc) if at_key else source_map.value(loc)
        return Diagnostic(code, message, where, hint, dotted)

    if kind == "extra_forbidden":
        known = _fields_for(loc)
        close = closest(field, known)
        dedented = _dedented(loc, raw, owner)
        if dedented is not None:
            hint = dedented
        elif close:
            hint = f"did you mean '{close}'?"
        else:
            hint = f"the fields of {_name_of(loc)}: {', '.join(known)}"
        return diag("E101", f"unknown field '{field}' in {owner}", hint, at_key=True)
    if kind == "missing":
        return diag(
            "E102",
            f"{owner} is missing the required field '{field}'",
            f"add '{field}: …' to {owner}",
        )
    if kind in _TYPE_NAMES:
        expected = _TYPE_NAMES[kind]
        if kind in ("list_type", "string_type") and loc[-1] in _ONE_OR_MANY:
            expected = _ONE_OR_MANY[field]
        if value is None:
            return diag(
                "E103",
                f"'{field}' of {owner} has no value; expected {expected}",
                f"write a value after '{field}:' or remove the line",
            )
        how = None
        if field == "key_judgements" and isinstance(value, str):
            how = "write each judgement as '- text: …' with 'confidence: high|moderate|low'"
        elif kind == "list_type" and isinstance(value, dict):
            how = "start each item of the list with '- ', one item after another"
        elif isinstance(value, str) and _DECIMAL_COMMA.fullmatch(value.strip()):
            how = f"write decimals with a point: {value.strip().replace(',', '.')}"
        return diag("E103", f"'{field}' of {owner} must be {expected}, not {_describe(value)}", how)
    if kind in ("enum", "literal_error"):
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        close = closest(str(value), choices)
        hint = f"did you mean '{close}'? " if close else ""
        if len(loc) >= 2 and loc[-2] == "stances":
            return diag(
                "E104",
                f"{owner} takes the stance {value!r} on '{field}', which is not a stance",
                f"{hint}one of: {', '.join(choices)}".strip(),
            )
        return diag(
            "E104",
            f"{value!r} is not a valid '{field}' of {owner}",
            f"{hint}one of: {', '.join(choices)}".strip(),
        )
    if kind in _RANGE_TYPES:
        return diag(
            "E104",
            f"'{field}' of {owner} must be between 0 and 1, not {value}",
            "weights are base strengths from 0 (none) to 1 (full)",
        )
    if kind == "blank_text":
        return diag(
            "E104",
            f"'{field}' of {owner} must not be empty",
            "write the text, or remove the field if it is optional",
        )
    if kind == "invalid_id":
        return diag(
            "E105",
            f"{value!r} is not a valid id",
            f"ids use lowercase letters, digits, '-' and '_', at most 64 characters; "
            f"try '{slugify(str(value))}'",
        )
    if kind in ("string_pattern_mismatch", "string_unicode") and isinstance(value, str):
        # the text pattern of model.TEXT_PATTERN: say which of its rules the text broke
        found = _UNSAFE.search(value)
        if found is None:
            return diag(
                "E104",
                f"'{field}' of {owner} must not be empty",
                "write the text, or remove the field if it is optional",
            )
        kind = "unsafe_character"
        ctx = {"code": ord(found.group()), "offset": found.start()}
    if kind == "unsafe_character":
        code = int(ctx["code"])
        offset = int(ctx["offset"]) + 1
        if "[key]" in err["loc"]:
            parent = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), "")
            what = f"a key of '{parent}' in {owner}"
        else:
            what = f"'{field}' of {owner}"
        if 0xD800 <= code <= 0xDFFF:
            return diag(
                "E109",
                f"{what} holds U+{code:04X}, half of a character (a lone surrogate), "
                f"at character {offset}",
                f"the text was cut inside a character or badly encoded; remove the "
                f"'\\u{code:04x}' escape or write the whole character",
                at_key="[key]" in err["loc"],
            )
        name = _CONTROL_NAMES.get(code)
        return diag(
            "E109",
            f"{what} holds the control character U+{code:04X}"
            + (f" ({name})" if name else "")
            + f" at character {offset}",
            "remove it: text may hold tabs and line breaks, and no other control characters",
            at_key="[key]" in err["loc"],
        )
    if kind == "format_version":
        return diag(
            "E106", f"unsupported format version {value!r}", "this argmap reads 'argmap: 1'"
        )
    if kind == "url_scheme":
        return diag(
            "E107",
            f"{value!r} is not an http or https URL",
            "write the full address, starting with https://",
        )
    if kind == "date_format":
        return diag(
            "E108", f"{value!r} is not an ISO date", "write dates as YYYY-MM-DD, such as 2019-05-22"
        )
    return diag("E104", f"'{field}' of {owner}: {err['msg']}")


_CONTROL_NAMES: Final = {
    0x00: "NUL",
    0x07: "BEL, the bell",
    0x08: "BS, backspace",
    0x0B: "VT, vertical tab",
    0x0C: "FF, form feed",
    0x0D: "CR, carriage return",
    0x1B: "ESC, escape",
    0x7F: "DEL",
    0x85: "NEL, next line",
}

_ONE_OR_MANY: Final = {
    **dict.fromkeys(
        ("supports", "attacks", "undercuts", "by", "linked_with"), "an id or a list of ids"
    ),
    **dict.fromkeys(
        ("tags", "criteria", "assumptions", "risks", "next_steps"), "text or a list of texts"
    ),
}


_NESTED: Final = {
    "evidence": ("an evidence item", "source", tuple(Evidence.model_fields)),
    "key_judgements": ("a key judgement", "text", ("text", "confidence")),
}
"""A list of items whose fields, written a level too far left, land in the mapping that
holds the list: (what an item is, the key its first line starts with, its fields)."""


def _dedented(loc: DataPath, raw: Any, owner: str) -> str | None:
    """The hint for a field of a nested item found beside the list of such items (a
    line indented too little): which item it belongs to and how to indent it."""
    field, holder = loc[-1], raw
    for step in loc[:-1]:
        try:
            holder = holder[step]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(holder, dict):
        return None
    for list_name, (item, first, fields) in _NESTED.items():
        if field in fields and isinstance(holder.get(list_name), list):
            return (
                f"'{field}' is a field of {item}, indented too little: it reads as a field "
                f"of {owner}. Indent it to line up with '{first}' in the item above "
                f"('- {first}: …')"
            )
    return None


def _fields_for(loc: DataPath) -> list[str]:
    """The field names allowed where the unknown key ``loc[-1]`` was found."""
    parent = loc[:-1]
    if not parent:
        return list(Debate.model_fields)
    if len(parent) >= 2 and parent[0] in ELEMENT_MODELS and isinstance(parent[1], int):
        if len(parent) == 2:
            return list(ELEMENT_MODELS[str(parent[0])].model_fields)
        if parent[2] == "evidence":
            return list(Evidence.model_fields)
    return list(Debate.model_fields)


def _name_of(loc: DataPath) -> str:
    if len(loc) >= 4 and loc[2] == "evidence":
        return "evidence"
    if len(loc) >= 2 and isinstance(loc[0], str) and loc[0] in ELEMENT_NAMES:
        kind = ELEMENT_NAMES[loc[0]]
        return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
    return "a debate"


def _owner(loc: DataPath, raw: Any) -> str:
    """A person's name for the element that holds ``loc``: ``argument 'x'``, ``the debate``."""
    if (
        len(loc) >= 3
        and isinstance(loc[0], str)
        and loc[0] in ELEMENT_NAMES
        and isinstance(loc[1], int)
    ):
        kind = ELEMENT_NAMES[loc[0]]
        item = _get(raw, loc[:2])
        ident = item.get("id") if isinstance(item, dict) else None
        name = f"{kind} '{ident}'" if isinstance(ident, str) and ident else f"{kind} #{loc[1] + 1}"
        if len(loc) >= 5 and loc[2] == "evidence" and isinstance(loc[3], int):
            return f"evidence #{loc[3] + 1} of {name}"
        return name
    if len(loc) == 2 and isinstance(loc[0], str) and loc[0] in ELEMENT_NAMES:
        return f"{ELEMENT_NAMES[loc[0]]} #{int(loc[1]) + 1}"
    return "the debate"


def _get(data: Any, path: DataPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) <= 40 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
