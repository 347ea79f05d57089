"""The hostile-input zoo: every format's bombs, each a located diagnostic, exit 1, no
traceback, and no command that crashes later on what ``check`` let through.

The cases are in :mod:`tests.hostile`; ``bench/bench_hostile.py`` times them (each is
meant to take well under a second). Here a watchdog only catches a runaway: a case that
takes more than :data:`RUNAWAY_SECONDS` fails instead of hanging the suite.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from tests.hostile import BASE_YAML, CASES, Case

runner = CliRunner()
RUNAWAY_SECONDS = 30
"""Seconds of this process's processor time a case may use (a busy machine or a second
test process does not count against it, as wall-clock time would)."""
HANG_SECONDS = 10 * RUNAWAY_SECONDS
"""Seconds of wall-clock time, for a case that waits forever without computing."""
LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>\w+)\[(?P<code>\w+)\]: "
)


@pytest.fixture(autouse=True)
def watchdog() -> Iterator[None]:
    """Fail a case that runs away (minutes, as the billion laughs once did)."""
    with _limits(RUNAWAY_SECONDS, HANG_SECONDS):
        yield


@contextlib.contextmanager
def _limits(processor: float, wall: int) -> Iterator[None]:
    """A TimeoutError once this process has used ``processor`` seconds of processor time
    (a loaded machine, or a second test process, never counts against a case that is
    merely slow there), or ``wall`` seconds have passed (a case that hangs, computing
    nothing)."""

    def runaway(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"a hostile case used more than {processor:g} s of processor time")

    def hung(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"a hostile case waited more than {wall} s")

    previous = signal.signal(signal.SIGPROF, runaway), signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_PROF, processor)
    signal.alarm(wall)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.alarm(0)
        signal.signal(signal.SIGPROF, previous[0])
        signal.signal(signal.SIGALRM, previous[1])


def test_the_watchdog_counts_processor_time_not_waiting() -> None:
    with _limits(0.3, 30):
        time.sleep(0.6)  # waiting, as a loaded machine makes a case wait: not counted
    with pytest.raises(TimeoutError, match="processor time"):
        _compute_within(0.3)  # computing: counted


def _compute_within(processor: float) -> None:
    with _limits(processor, 30):
        while True:
            pass


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback: the test fails with it
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_hostile_file_gets_its_located_diagnostic(case: Case, tmp_path: Path) -> None:
    path = case.write(tmp_path)
    code, out, err = invoke("check", "--strict", str(path))
    assert code == 1
    assert err == ""
    found = [m for m in map(LINE.match, out.splitlines()) if m and m["code"] == case.code]
    assert found, out[-2000:]
    assert (int(found[0]["line"]), int(found[0]["column"])) == case.where
    assert out.isprintable() or all(line.isprintable() for line in out.splitlines())


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_no_command_crashes_on_what_check_let_through(case: Case, tmp_path: Path) -> None:
    path = case.write(tmp_path)
    loads = not argmap.check(path).failed()
    for command in (
        ["analyse", str(path)],
        ["analyse", str(path), "--format", "json"],
        ["render", str(path), "-f", "dot"],
        ["brief", str(path), "-o", str(tmp_path / "b.md")],
        ["convert", str(path), str(tmp_path / "back.yaml")],
        ["convert", str(path), str(tmp_path / "out.aif.json")],
        ["convert", str(path), str(tmp_path / "out.kialo.txt")],
        ["convert", str(path), str(tmp_path / "out.argdown")],
    ):
        code, _, err = invoke(*command)
        assert code == (0 if loads else 1), (command, err[-500:])
    if loads:  # what argmap wrote, argmap reads back as the same debate
        assert argmap.load(tmp_path / "back.yaml") == argmap.load(path)


# -- inputs that are not files -------------------------------------------------------------


def test_a_pipe_given_as_a_debate_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "debate.yaml"
    os.mkfifo(fifo)  # nobody writes to it: opening it to read would block forever
    code, out, _ = invoke("check", str(fifo))
    assert code == 1
    assert out == (
        f"{fifo}:1:1: error[E001]: cannot read it: it is a named pipe (FIFO), not a regular "
        "file (give the path of a debate file (.yaml, .yml or .json))\nFound 1 error in 1 file.\n"
    )
    for command in (["analyse", str(fifo)], ["convert", str(fifo), str(tmp_path / "x.json")]):
        assert invoke(*command)[0] == 1


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_device_given_as_a_debate_is_refused_at_once() -> None:
    code, out, _ = invoke("check", "/dev/zero")
    assert code == 1
    assert "/dev/zero:1:1: error[E001]: cannot read it: it is a character device" in out


def test_a_folder_reports_what_it_cannot_read_and_never_loops(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(BASE_YAML, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)  # a symlinked folder: not followed
    (tmp_path / "dangling.json").symlink_to(tmp_path / "gone.json")
    code, out, _ = invoke("check", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'pipe.yaml'}:1:1: error[E001]: cannot read it: it is a named pipe" in out
    assert f"{tmp_path / 'dangling.json'}:1:1: error[E001]: cannot read the file" in out
    assert out.endswith("in 3 files.\n")


@pytest.mark.parametrize(
    ("question", "problem"),
    [
        ("esc \x1b[2J", "'question' of the debate holds the control character U+001B"),
        ("   ", "'question' of the debate must not be empty"),
    ],
)
def test_new_never_writes_a_debate_that_fails_its_first_check(
    tmp_path: Path, question: str, problem: str
) -> None:
    code, _, err = invoke("new", question, "-o", str(tmp_path / "d.yaml"))
    assert code == 2
    assert err.startswith(f"Error: QUESTION cannot start a debate: {problem}")
    assert list(tmp_path.iterdir()) == []
