"""Seed corpora for the fuzz targets: the repository's own example, fixture and zoo
files of each format, and the hostile zoo's small cases."""

from __future__ import annotations

from pathlib import Path

from tests.hostile import CASES

ROOT = Path(__file__).resolve().parent.parent
_SUFFIXES = {
    "yaml": (".yaml",),
    "json": (".json",),
    "kialo": (".kialo.txt",),
    "argdown": (".argdown",),
    "aif": (".aif.json",),
    "microtext": (".micro.xml",),
}


def _kind(name: str) -> str | None:
    for target in ("aif", "kialo", "microtext", "argdown", "yaml", "json"):
        if name.endswith(_SUFFIXES[target]):
            return target
    return None


def seeds(target: str, max_bytes: int = 64 * 1024) -> list[bytes]:
    """The seed inputs of one target, in a fixed order."""
    found: list[bytes] = []
    folders = ("debates", "tests/zoo", "tests/fixtures/formats", "tests/golden/imports")
    for folder in folders:
        for path in sorted((ROOT / folder).iterdir()):
            if path.is_file() and _kind(path.name) == target and path.stat().st_size <= max_bytes:
                found.append(path.read_bytes())
    for case in CASES:
        if _kind(case.name) == target and not case.sparse_size:
            data = case.make()
            if len(data) <= max_bytes:
                found.append(data)
    return found


def write_corpus(target: str, folder: Path) -> Path:
    """The seeds of ``target`` as files in ``folder`` (made if missing), for the driver."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, data in enumerate(seeds(target)):
        (folder / f"seed-{n:03d}").write_bytes(data)
    return folder
