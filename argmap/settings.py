"""Settings for ``argmap check`` kept with the debates: which codes to report.

Like ruff, argmap reads a table of settings from the nearest ``argmap.toml`` (its top
level) or ``pyproject.toml`` (its ``[tool.argmap]`` table), looking in the debate's
folder and then in each folder above it, up to the repository's root (the folder that
holds ``.git``) or the user's home folder, never beyond: a settings file in a shared
folder above them (``/tmp``, ``/``) is never read. A debate outside any repository and
outside the home folder reads its own folder's only. The first file that has settings
wins. Options given on the command line replace the file's.

No setting hides a file that could not be read or parsed
(:data:`~argmap.diagnostics.UNHIDDEN`), and the report's summary says how many problems
the settings left out, and which settings.

    select = ["E", "W3"]   # report only these codes (prefixes); all when absent
    ignore = ["N401"]      # never report these (the more specific prefix wins)
    quiet = true           # errors only
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from argmap.diagnostics import CODES, Report, closest
from argmap.errors import UsageError
from argmap.io.files import kind_of

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
    given: tuple[str, ...] = ()
    """The command line's options that replaced the file's (``--select`` …)."""
    keys: tuple[str, ...] = ()
    """The settings the file sets."""

    @property
    def by(self) -> str:
        """Who chose these settings, in words: the file, the options, or both."""
        kept = [k for k in self.keys if f"--{k}" not in self.given]
        said = [_shown(self.source)] if kept and self.source else []
        return " and ".join([*said, *self.given]) or "the settings"

    def apply(self, report: Report) -> Report:
        return report.only(self.select, self.ignore, quiet=self.quiet, by=self.by)

    def overridden(
        self, select: list[str] | None, ignore: list[str] | None, quiet: bool
    ) -> CheckSettings:
        """These settings with the command line's options in their place."""
        out = self
        if select is not None:
            out = replace(out, select=codes(select, "--select"), given=(*out.given, "--select"))
        if ignore is not None:
            out = replace(out, ignore=codes(ignore, "--ignore"), given=(*out.given, "--ignore"))
        return replace(out, quiet=True, given=(*out.given, "--quiet")) if quiet else out


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
    """The settings that apply to ``debate``: from the nearest settings file among
    :func:`searched` folders."""
    for place in searched(debate):
        for name, table in (("argmap.toml", ()), ("pyproject.toml", ("tool", "argmap"))):
            path = place / name
            if _exists(path):
                found = _read(path, table)
                if found is not None:
                    return found
    return CheckSettings()


def searched(debate: Path) -> list[Path]:
    """The folders whose settings files apply to ``debate``, nearest first: its own and
    each above it up to the repository's root (``.git``) or the home folder; its own
    alone when neither is above it."""
    folder = Path(os.path.abspath(debate)).parent
    try:
        home: Path | None = Path.home().resolve()
    except (RuntimeError, KeyError, OSError):  # no home folder known
        home = None
    places: list[Path] = []
    for place in (folder, *folder.parents):
        places.append(place)
        if os.path.lexists(place / ".git") or (home is not None and _same(place, home)):
            return places
    return [folder]


def _same(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other
    except OSError:
        return False


def _exists(path: Path) -> bool:
    try:
        return os.path.lexists(path)
    except OSError:  # a name too long: no such file
        return False


def _shown(path: str) -> str:
    """A settings file's path as the summary shows it: relative to the current folder
    when it is inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _read(path: Path, table: tuple[str, ...]) -> CheckSettings | None:
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise UsageError(f"{path}: {kind_of(mode)} is not a settings file; remove or rename it")
        if path.stat().st_size > MAX_SIZE:
            raise UsageError(f"{path}: a settings file of more than 1 MiB is not read")
        data: Any = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid TOML ({_one_line(exc)})") from None
    except RecursionError:
        raise UsageError(f"{path}: not valid TOML (it nests too deeply)") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the settings file ({exc.strerror or exc})") from None
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
    keys = tuple(k for k in KEYS if k in data)
    return CheckSettings(lists["select"], lists["ignore"], quiet, str(path), keys=keys)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]
