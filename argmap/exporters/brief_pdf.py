"""The HTML brief printed to PDF by headless Chromium, on the paper asked for.

Chromium is the engine the brief is made for (its print stylesheet is tested in it), so
the PDF is what a reader gets from "Print" in the browser, without the browser's header
and footer. It runs as a program (``chromium --headless --print-to-pdf``), not through a
Python binding: nothing to install but the browser. The page size comes from an
``@page`` rule added to the brief's stylesheet, and is read back from the PDF: a PDF of
another size is an error, never written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from argmap.errors import RenderError, UsageError
from argmap.paper import SIZES, Paper

BROWSERS: Final = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_SECONDS: Final = 120.0
PAPERS: Final = (Paper.A4, Paper.LETTER, Paper.A3)
"""Paper a brief prints on (a slide is for maps)."""
_CSS_SIZES: Final = {Paper.A4: "A4", Paper.LETTER: "letter", Paper.A3: "A3"}
TOLERANCE: Final = 1.0
"""Points by which a page may differ from its paper (Chromium rounds to pixels)."""


def page_rule(paper: Paper) -> str:
    """The ``@page`` rule that puts the brief on ``paper``, portrait."""
    if paper not in PAPERS:
        names = ", ".join(p.value for p in PAPERS)
        raise UsageError(f"--paper {paper.value}: a brief prints on {names}")
    return f"@page {{ size: {_CSS_SIZES[paper]} portrait; }}"


def browser() -> str:
    """The path of a Chromium, or a :class:`RenderError` that says how to install one."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise RenderError(
        "printing a brief to PDF needs Chromium, which is not installed. Install it with "
        "'sudo apt-get install chromium' (Debian/Ubuntu) or 'brew install --cask chromium' "
        "(macOS), or write the brief as .html and print it from a browser"
    )


def print_pdf(html: str, paper: Paper) -> bytes:
    """``html`` (a brief made with :func:`page_rule`'s rule) printed by headless Chromium;
    its pages checked to be ``paper``."""
    program = browser()
    with tempfile.TemporaryDirectory(prefix="argmap-brief-") as folder:
        page = Path(folder) / "brief.html"
        out = Path(folder) / "brief.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            program,
            "--headless",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--no-first-run",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to sandbox as root
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False, cwd=folder
            )
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"Chromium took longer than {TIMEOUT_SECONDS:g} s to print the brief; "
                "nothing was written"
            ) from None
        except OSError as exc:
            raise RenderError(f"could not run Chromium: {exc.strerror or exc}") from None
        pdf = out.read_bytes() if out.is_file() else b""
    if not pdf.startswith(b"%PDF") or done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        last = said[-1] if said else f"exit status {done.returncode}"
        raise RenderError(f"Chromium printed no PDF ({last}); nothing was written")
    _check_pages(pdf, paper)
    return pdf


def _check_pages(pdf: bytes, paper: Paper) -> None:
    import io

    from pypdf import PdfReader

    want = SIZES[paper]
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, 1):
        got = (float(page.mediabox.width), float(page.mediabox.height))
        if any(abs(g - w) > TOLERANCE for g, w in zip(got, want, strict=True)):
            raise RenderError(
                f"Chromium printed page {number} at {got[0]:.0f} x {got[1]:.0f} pt, not "
                f"{paper.value} ({want[0]:.0f} x {want[1]:.0f} pt); nothing was written"
            )
