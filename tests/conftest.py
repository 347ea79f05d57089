"""Shared fixtures: the repository root, golden-file comparison and ``--regen``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, Final

import pytest
import typer
import typer.main
import typer.testing
from hypothesis import settings

# No profile has a deadline: how long an example takes depends on the machine and what
# else runs on it (two test processes at once, a busy CI runner), so a deadline fails
# by chance; speed is measured in bench/, never in tests.
settings.register_profile("default", max_examples=150, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
# The gate (./run test, and so CI) is deterministic: the same examples every run and no
# example database, so a clean clone cannot fail by chance. A failure found while
# exploring (the default or thorough profile) is pinned with @example where it was found.
settings.register_profile("ci", max_examples=150, derandomize=True, database=None, deadline=None)
_CI = os.environ.get("CI", "").lower() not in ("", "0", "false")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if _CI else "default"))

# typer's CliRunner builds the click command from the app on every invoke (about 20 ms:
# every command's signature read again), which the tests do thousands of times; the app
# does not change while they run, so it is built once per app. (A process of argmap
# builds it once too.)
_build_command = typer.main.get_command
_built: dict[int, tuple[typer.Typer, Any]] = {}


def _command_built_once(app: typer.Typer) -> Any:
    if id(app) not in _built:
        _built[id(app)] = (app, _build_command(app))  # the app kept: its id stays its own
    return _built[id(app)][1]


typer.testing._get_command = _command_built_once  # type: ignore[attr-defined,assignment]

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"


def example_copy(folder: Path, stem: str = "school-phones") -> Path:
    """An example debate copied into ``folder`` as d.yaml, with the sources its quotes
    are checked against (debates/sources/), so that it checks there as it does here."""
    import shutil

    debate = folder / "d.yaml"
    debate.write_text((ROOT / "debates" / f"{stem}.yaml").read_text(encoding="utf-8"))
    if not (folder / "sources").exists():
        shutil.copytree(ROOT / "debates" / "sources", folder / "sources")
    return debate


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing.",
    )


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from the repository root, so reported paths are relative and stable."""
    monkeypatch.chdir(ROOT)
    return ROOT


class Golden:
    """Compares text with a golden file, or rewrites it under ``--regen``."""

    def __init__(self, regen: bool) -> None:
        self.regen = regen

    def check(self, path: Path, actual: str) -> None:
        if self.regen:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            return
        assert path.exists(), f"missing golden {path}: run pytest --regen and review the diff"
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"{path} differs: run pytest --regen and review the diff"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """The golden-file comparer for this run."""
    return Golden(bool(request.config.getoption("--regen")))


def stopped_by_ctrl_c(
    process: subprocess.Popen[Any], said: Path | None, timeout: float = 60.0
) -> int:
    """Send Ctrl-C (SIGINT) to a command started with :data:`TRACEABLE` in its
    environment and wait for it to end. One that is still running after ``timeout`` is
    made to print where each of its threads is (faulthandler, on SIGABRT) and ended, and
    the test fails with that, instead of leaving it running for later tests to trip on."""
    process.send_signal(signal.SIGINT)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGABRT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        where = said.read_text(errors="replace")[-6000:] if said is not None else ""
        pytest.fail(f"still running {timeout:.0f} s after Ctrl-C; where it was:\n{where}")


def interruptible(*args: str) -> list[str]:
    """The command line of ``python -m argmap ARGS`` that Ctrl-C (SIGINT) stops, as it
    does at a terminal, however the tests were started: a shell script that starts
    them in the background (``cmd &``) leaves SIGINT ignored in them and in everything
    they start, and Python then leaves it ignored."""
    start = (
        "import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "runpy.run_module('argmap', run_name='__main__', alter_sys=True)"
    )
    return [sys.executable, "-c", start, *args]


TRACEABLE: Final = {**os.environ, "PYTHONFAULTHANDLER": "1"}
"""An environment for a command a test stops: it says where it was if made to abort."""
