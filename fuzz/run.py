"""Coverage-guided fuzzing of one target with atheris (libFuzzer for Python).

    .venv/bin/python -m fuzz.run TARGET [libFuzzer options] [CORPUS_DIR]

TARGET is one of yaml, json, kialo, argdown, aif, microtext. Without a corpus folder,
one is made from the repository's seeds in ``.fuzz/TARGET``. A long run, as the issue
asks for each importer::

    .venv/bin/python -m fuzz.run kialo -max_total_time=600 -rss_limit_mb=4096

A crash is written as ``crash-…`` in the current folder; replay it with
``python -m fuzz.run TARGET crash-…`` and pin it as an example in ``tests/test_fuzz.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["argmap"]):
    import argmap.api  # noqa: F401  (instrumented for coverage)
    from fuzz.targets import TARGETS, run


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: python -m fuzz.run {{{','.join(TARGETS)}}} [libFuzzer options] [CORPUS]")
    target = sys.argv.pop(1)
    if not any(not a.startswith("-") for a in sys.argv[1:]):
        from fuzz.seeds import write_corpus

        corpus = Path(".fuzz") / target
        sys.argv.append(str(write_corpus(target, corpus)))
    atheris.Setup(sys.argv, lambda data: run(target, data))
    atheris.Fuzz()


if __name__ == "__main__":
    main()
