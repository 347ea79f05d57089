"""Settings for ``argmap check`` kept with the debates: which codes to report.

Like ruff, argmap reads a table of settings from the nearest ``argmap.toml`` (its top
level) or ``pyproject.toml`` (its ``[tool.argmap]`` table), looking in the debate's
folder and then in each folder above it; the first file that has settings wins. Options
given on the command line replace the file's.

    select = ["E", "W3"]   # report only these codes (prefixes); all when absent
    ignore = ["N401"]      # never report these (the more specific prefix wins)
    quiet = true           # errors only
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from argmap.diagnostics import CODES, Report, closest
from argmap.errors import UsageError

KEYS: Final = ("select", "ignore", "quiet")
MAX_SIZE: Final = 1 << 20
"""The largest settings file argmap reads (1 MiB)."""


@dataclass(frozen=True)
class CheckSettings:
    """Which diagnostics ``check`` reports, and where that was said."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    quiet: bool = False
    source: str | None = None
    """The file the settings come from (None: the defaults)."""

    def apply(self, report: Report) -> Report:
        return report.only(self.select, self.ignore, quiet=self.quiet)

    def overridden(
        self, select: list[str] | None, ignore: list[str] | None, quiet: bool
    ) -> CheckSettings:
        """These settings with the command line's options in their place."""
        out = self
        if select is not None:
            out = replace(out, select=codes(select, "--select"))
        if ignore is not None:
            out = replace(out, ignore=codes(ignore, "--ignore"))
        return replace(out, quiet=True) if quiet else out


_LOOKALIKES: Final = str.maketrans({"O": "0", "I": "1", "L": "1", "S": "5", "B": "8"})


def codes(values: list[str], where: str) -> tuple[str, ...]:
    """Code prefixes from ``values`` (each may hold several, comma-separated), each one
    checked to match a code."""
    found: list[str] = []
    for value in values:
        for part in value.split(","):
            prefix = part.strip().upper()
            if not prefix:
                continue
            if not any(code.startswith(prefix) for code in CODES):
                # a letter typed for the digit it looks like (W3O3) is the likeliest slip
                digits = prefix[:1] + prefix[1:].translate(_LOOKALIKES)
                close = digits if digits in CODES else closest(prefix, list(CODES))
                hint = f"; did you mean '{close}'?" if close else ""
                raise UsageError(f"{where}: '{part.strip()}' matches no code{hint}")
            found.append(prefix)
    return tuple(found)


def settings_for(debate: Path) -> CheckSettings:
    """The settings that apply to ``debate``: from the nearest settings file."""
    folder = debate.resolve().parent
    for place in (folder, *folder.parents):
        for name, table in (("argmap.toml", ()), ("pyproject.toml", ("tool", "argmap"))):
            path = place / name
            if path.is_file():
                found = _read(path, table)
                if found is not None:
                    return found
    return CheckSettings()


def _read(path: Path, table: tuple[str, ...]) -> CheckSettings | None:
    if path.stat().st_size > MAX_SIZE:
        raise UsageError(f"{path}: a settings file of more than 1 MiB is not read")
    try:
        data: Any = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid TOML ({exc})") from None
    for key in table:
        data = data.get(key) if isinstance(data, dict) else None
    if data is None:
        return None  # a pyproject.toml without [tool.argmap]
    where = f"{path}" + (f" [{'.'.join(table)}]" if table else "")
    if not isinstance(data, dict):
        raise UsageError(f"{where}: expected a table of settings")
    for key in data:
        if key not in KEYS:
            close = closest(key, KEYS)
            hint = f"; did you mean '{close}'?" if close else f"; the settings: {', '.join(KEYS)}"
            raise UsageError(f"{where}: unknown setting '{key}'{hint}")
    lists = {}
    for key in ("select", "ignore"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f'{where}: \'{key}\' must be a list of codes, such as ["W3", "N401"]')
        lists[key] = codes(value, f"{where} '{key}'")
    quiet = data.get("quiet", False)
    if not isinstance(quiet, bool):
        raise UsageError(f"{where}: 'quiet' must be true or false")
    return CheckSettings(lists["select"], lists["ignore"], quiet, str(path))
