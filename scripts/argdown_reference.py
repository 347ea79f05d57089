"""Argdown's own reading of Argdown files, for the tests and for a corpus measurement.

Needs Node.js and npm (not run by CI). Argdown's CLI is installed with npm into
``bench/.argdown`` (``--install``), as ``bench/bench_argdown.py`` does.

    .venv/bin/python scripts/argdown_reference.py goldens
        write tests/golden/argdown/NAME.json: Argdown's model of each
        tests/fixtures/argdown/NAME.argdown, reduced (argmap.io.formats.argdown_check)
    .venv/bin/python scripts/argdown_reference.py measure FOLDER...
        import every .argdown file under the folders with argmap and count what came
        across of Argdown's reading (statements and arguments, texts, relations,
        misattributed links, skipped lines)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.io.formats.argdown_check import Tally, compare, reduce  # noqa: E402
from bench.bench_argdown import install  # noqa: E402


def argdown_cli() -> str:
    found = os.environ.get("ARGDOWN") or str(
        ROOT / "bench" / ".argdown" / "node_modules" / ".bin" / "argdown"
    )
    if not Path(found).exists():
        sys.exit("Argdown's CLI is not installed: run with --install (needs Node.js and npm)")
    return found


def argdown_model(path: Path) -> dict[str, object] | None:
    """Argdown's JSON model of one file; None when Argdown reports errors in it."""
    with tempfile.TemporaryDirectory() as out:
        done = subprocess.run(
            [argdown_cli(), "json", str(path), out], capture_output=True, text=True, check=False
        )
        made = Path(out) / f"{path.stem}.json"
        if done.returncode != 0 or not made.exists() or "syntax error" in done.stdout + done.stderr:
            return None
        loaded: dict[str, object] = json.loads(made.read_text(encoding="utf-8"))
        return loaded


def goldens() -> None:
    """Argdown's reading of each fixture, and of argmap's Argdown export of each debate."""
    import argmap
    from argmap.io.formats.argdown import dump_argdown

    with tempfile.TemporaryDirectory() as scratch:
        inputs = sorted((ROOT / "tests" / "fixtures" / "argdown").glob("*.argdown"))
        for debate in sorted((ROOT / "debates").glob("*.yaml")):
            exported = Path(scratch) / f"export-{debate.stem}.argdown"
            exported.write_text(dump_argdown(argmap.load(debate)), encoding="utf-8")
            inputs.append(exported)
        for path in inputs:
            model = argdown_model(path)
            if model is None:
                sys.exit(f"Argdown reports errors in {path}: it must be valid Argdown")
            target = ROOT / "tests" / "golden" / "argdown" / f"{path.stem}.json"
            text = json.dumps(reduce(model), indent=1, ensure_ascii=False) + "\n"
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")


def measure(folders: list[str]) -> None:
    total, invalid = Tally(), 0
    files = sorted(p for f in folders for p in Path(f).rglob("*.argdown"))
    for path in files:
        model = argdown_model(path)
        if model is None:
            invalid += 1
            continue
        total.add(compare(path.read_text(encoding="utf-8"), path.stem, reduce(model)))
    print(f"{len(files)} files, {invalid} that Argdown itself rejects (left out)")
    for name in ("elements", "texts", "relations"):
        kept, of = getattr(total, f"{name}_kept"), getattr(total, name)
        print(f"{name:<10} {kept:>5} of {of:>5}  {100 * kept / max(of, 1):5.1f}%")
    skipped = f"lines skipped {total.lines_skipped} of {total.lines}"
    print(f"misattributed links {total.misattributed}; {skipped}")
    for line in total.missing:
        print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--install", action="store_true", help="install Argdown's CLI with npm")
    parser.add_argument("job", choices=("goldens", "measure"))
    parser.add_argument("folders", nargs="*")
    args = parser.parse_args()
    if args.install:
        install()
    goldens() if args.job == "goldens" else measure(args.folders)


if __name__ == "__main__":
    main()
