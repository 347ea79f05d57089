"""The fuzz targets, run briefly in the gate: every seed, derandomized mutations of the
seeds, and (where atheris is installed) a short coverage-guided run with a fixed seed.

The long runs (ten minutes or more per target) are documented in ``docs/security.md``;
a crash they find is pinned here as an example.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzz.seeds import seeds
from fuzz.targets import TARGETS, run
from tests.conftest import ROOT
from tests.hostile import _attack_ring

EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "60"))

FOUND: list[tuple[str, bytes]] = [
    # (target, input) of every finding of a fuzzing run, minimised, fixed and kept here
    # json, 10-minute run: a lone surrogate in an id broke pydantic's error report
    ("json", b'{"argmap": 1, "id": "zoo \\ud82d", "title": "T", "question": "Q?"}'),
    # argdown, 10-minute run: cycles of a dozen arguments took seconds to settle (3**12
    # candidates each); now a search that abandons dead ends (tests/hostile.py times it)
    ("yaml", _attack_ring(12)),
    # microtext, 10-minute run: a unit of type ')pp' became the tag ')pp', which the
    # Argdown export wrote as '#()pp)' and the Argdown import read as an empty tag: crash
    (
        "microtext",
        b'<arggraph id="x"><edu id="e1">Claim.</edu><edu id="e2">Reason.</edu>'
        b'<adu id="a1" type="pro"/><adu id="a2" type=")pp"/>'
        b'<edge id="s1" src="e1" trg="a1" type="seg"/><edge id="s2" src="e2" trg="a2" type="seg"/>'
        b'<edge id="c1" src="a2" trg="a1" type="sup"/></arggraph>',
    ),
    ("argdown", b"[t]: Thesis.\n    <+ <a>: A reason #() #(\\)pp).\n"),
]


@pytest.mark.parametrize(("target", "data"), FOUND)
def test_what_fuzzing_found_stays_fixed(target: str, data: bytes) -> None:
    run(target, data)


@pytest.mark.parametrize("target", list(TARGETS))
def test_every_seed_passes_its_target(target: str) -> None:
    found = seeds(target)
    assert found, f"no seeds for {target}"
    for data in found:
        run(target, data)


@st.composite
def mutated(draw: st.DrawFn, target: str) -> bytes:
    """A seed of ``target`` with a few byte-level edits, as a fuzzer makes them."""
    data = bytearray(draw(st.sampled_from(seeds(target))))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["insert", "delete", "replace", "repeat"]))
        if edit == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif edit == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif edit == "replace" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 64))] * draw(st.integers(1, 4))
    return bytes(data)


@pytest.mark.parametrize("target", list(TARGETS))
def test_mutated_seeds_pass_their_target(target: str) -> None:
    @settings(max_examples=EXAMPLES, deadline=None)
    @given(mutated(target))
    def check(data: bytes) -> None:
        run(target, data)

    check()


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris not installed")
@pytest.mark.parametrize("target", list(TARGETS))
def test_a_short_coverage_guided_run(target: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "fuzz.run", target, "-runs=300", "-seed=1", "-timeout=10"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Done 300 runs" in done.stderr
