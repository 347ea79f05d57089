"""`argmap brief -o NAME.pdf`: the messages when it cannot print, and the paper options.

The printed PDFs themselves (paper sizes read back, the core on two pages) are checked
in tests/test_browser.py, where Chromium is known to be installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from tests.conftest import ROOT

DEBATE = str(ROOT / "debates" / "school-phones.yaml")


def test_a_missing_chromium_is_named_with_the_command_that_installs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("argmap.exporters.brief_pdf.BROWSERS", ("no-such-browser-here",))
    out = tmp_path / "brief.pdf"
    done = CliRunner().invoke(app, ["brief", DEBATE, "-o", str(out)])
    assert done.exit_code == 3
    assert done.stderr == (
        "Error: printing a brief to PDF needs Chromium, which is not installed. Install it "
        "with 'sudo apt-get install chromium' (Debian/Ubuntu) or 'brew install --cask "
        "chromium' (macOS), or write the brief as .html and print it from a browser\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-o", "b.html", "--paper", "a4"],
            "--paper is for a brief printed to PDF (-o NAME.pdf) or Word (.docx)",
        ),
        (["-o", "b.pdf", "--paper", "slide"], "--paper slide: a brief prints on a4, letter, a3"),
    ],
)
def test_paper_goes_with_a_pdf_brief_on_paper_it_can_print(
    tmp_path: Path, args: list[str], message: str
) -> None:
    args = [str(tmp_path / a) if a.startswith("b.") else a for a in args]
    done = CliRunner().invoke(app, ["brief", DEBATE, *args])
    assert (done.exit_code, done.stderr) == (2, f"Error: {message}\n")
    assert list(tmp_path.iterdir()) == []
