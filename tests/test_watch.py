"""`argmap render --watch`: a real process, a real file saved under it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT

GUARD = 60.0
"""Seconds after which a step that never happens fails the test (not a speed target)."""


def _until(test: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + GUARD
    while not test():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.1)


def test_render_watch_draws_again_on_save_and_keeps_the_last_good_map(tmp_path: Path) -> None:
    debate = tmp_path / "d.yaml"
    debate.write_text((ROOT / "debates" / "school-phones.yaml").read_text(encoding="utf-8"))
    out = tmp_path / "m.svg"
    err = tmp_path / "err.txt"
    with err.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "argmap", "render", str(debate), "-o", str(out), "--watch"],
            stderr=stderr,
            stdout=subprocess.DEVNULL,
            cwd=tmp_path,
        )
        try:
            _until(lambda: "watching" in err.read_text(), "the first map")
            first = out.read_text(encoding="utf-8")
            assert "Ban every hour" not in first
            text = debate.read_text(encoding="utf-8")
            debate.write_text(text.replace("title: Ban all day", "title: Ban every hour"))
            _until(lambda: "Ban every hour" in out.read_text(encoding="utf-8"), "the new map")
            good = out.read_text(encoding="utf-8")
            debate.write_text(text + "broken: [\n")  # a save with an error
            _until(lambda: "not drawn; the last good map stays" in err.read_text(), "the report")
            assert out.read_text(encoding="utf-8") == good
            assert "error[E004]" in err.read_text()
        finally:
            process.send_signal(signal.SIGINT)
            code = process.wait(timeout=GUARD)
    assert code == 0
    assert err.read_text().rstrip().endswith("stopped watching")


def test_watch_needs_files_to_draw(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from argmap.cli import app

    done = CliRunner().invoke(
        app, ["render", str(ROOT / "debates" / "school-phones.yaml"), "-o", "-", "--watch"]
    )
    assert (done.exit_code, done.stderr) == (2, "Error: --watch redraws files: give them with -o\n")


def test_watch_ends_on_a_request_no_save_can_mend(tmp_path: Path) -> None:
    """The output named as the input is a usage error: said once, not looped on."""
    debate = tmp_path / "d.yaml"
    debate.write_text((ROOT / "debates" / "school-phones.yaml").read_text(encoding="utf-8"))
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "render", str(debate), "-o", str(debate), "--watch"],
        capture_output=True,
        text=True,
        timeout=GUARD,
        check=False,
    )
    assert done.returncode == 2
    assert "watching" not in done.stderr
    assert debate.read_text(encoding="utf-8") == (
        ROOT / "debates" / "school-phones.yaml"
    ).read_text(encoding="utf-8")
