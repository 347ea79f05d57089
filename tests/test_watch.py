"""`argmap render --watch`: a real process, a real file saved under it."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT, TRACEABLE, example_copy, interruptible, stopped_by_ctrl_c

GUARD = 60.0
"""Seconds after which a step that never happens fails the test (not a speed target)."""


def _until(test: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + GUARD
    while not test():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.1)


def test_render_watch_draws_again_on_save_and_keeps_the_last_good_map(tmp_path: Path) -> None:
    debate = example_copy(tmp_path)
    out = tmp_path / "m.svg"
    err = tmp_path / "err.txt"
    with err.open("w") as stderr:
        process = subprocess.Popen(
            interruptible("render", str(debate), "-o", str(out), "--watch"),
            stderr=stderr,
            stdout=subprocess.DEVNULL,
            cwd=tmp_path,
            env=TRACEABLE,
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
            code = stopped_by_ctrl_c(process, err, GUARD)
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
    debate = example_copy(tmp_path)
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


def test_the_preview_shows_the_map_before_the_brief_and_keeps_both_through_errors(
    tmp_path: Path,
) -> None:
    """``argmap serve``'s state: one save is read and checked once, its map published
    (a version of its own), then its brief; a save with errors publishes its problems
    and keeps the last good map and brief."""
    from argmap.serve import Preview

    debate = example_copy(tmp_path)
    text = debate.read_text(encoding="utf-8")
    preview = Preview(debate)
    seen: list[tuple[int, int, int, bool]] = []
    publish = preview._publish

    def spy(*args: object, **kwargs: object) -> None:
        publish(*args, **kwargs)  # type: ignore[arg-type]
        seen.append((preview.version, preview.good, preview.good_brief, preview.ok))

    preview._publish = spy  # type: ignore[method-assign]
    preview.rebuild()
    assert seen == [(1, 1, 0, True), (2, 1, 2, True)]
    assert "Ban all day" in preview.svg
    assert "Ban all day" in preview.brief
    assert preview.state()["status"] == "4 to look at"  # notes of the example
    debate.write_text(text.replace("title: Ban all day", "title: Ban every hour") + "x: [\n")
    preview.rebuild()
    assert seen[2:] == [(3, 1, 2, False)]
    state = preview.state()
    assert state["status"] == "has errors: showing the last good map, greyed"
    assert "error[E004]" in str(state["problems"])
    assert "Ban all day" in preview.svg
    assert "Ban all day" in preview.brief
